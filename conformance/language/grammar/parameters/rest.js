// expect: rejected 2:4 rest elements
f((...a) => a)
