// expect: value true
(h => new MessageStart(h).head === h)({})
