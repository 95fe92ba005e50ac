// expect: accepted
f(({ a, b: [c, { d }] }) => a + c + d)
