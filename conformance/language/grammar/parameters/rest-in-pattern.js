// expect: rejected 2:8 rest elements
f(([a, ...b]) => b)
