// expect: accepted
[() => 1, x => x, (a, b,) => a + b, x => ({ a: x })]
