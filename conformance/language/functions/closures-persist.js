// expect: value 3
((c) => (c(), c(), c()))(((n) => () => ++n)(0))
