// expect: rejected 2:10 'return' statements
f(x => { return x })
