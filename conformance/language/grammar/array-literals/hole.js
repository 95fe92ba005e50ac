// expect: rejected 2:4 array holes
[1,,2]
