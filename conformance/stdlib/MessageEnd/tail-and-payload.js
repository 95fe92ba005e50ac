// expect: value [1, "p"]
(e => [e.tail.t, e.payload])(new MessageEnd({t: 1}, 'p'))
