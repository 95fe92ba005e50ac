// expect: rejected 2:3 'yield' is not supported
f(yield)
