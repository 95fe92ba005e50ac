// expect: accepted
[...a, { ...b }]
