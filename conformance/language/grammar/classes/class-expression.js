// expect: rejected 2:3 class expressions
f(class {})
