// expect: value 3
1 /* c */ + // c2
2
