// expect: rejected 2:7 spread arguments
new F(...xs)
