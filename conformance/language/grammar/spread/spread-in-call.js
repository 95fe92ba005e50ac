// expect: rejected 2:3 spread arguments
f(...xs)
