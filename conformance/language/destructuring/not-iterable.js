// expect: error TypeError: is not iterable
(([a]) => a)({})
