// expect: rejected 2:3 'this' is not supported
f(this)
