// expect: rejected 2:3 'function' expressions
f(function (x) {})
