// expect: value 6
(({a, b: [c, d]}) => a + c + d)({a: 1, b: [2, 3]})
