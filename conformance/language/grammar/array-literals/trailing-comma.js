// expect: accepted
[1, 2,]
