// expect: rejected 2:3 generator functions
f(function* () {})
