// expect: rejected 2:4 default values
f((a = 1) => a)
