// expect: rejected 2:6 default values
f(({ a = 1 }) => a)
