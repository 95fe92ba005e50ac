// expect: value [null, "x"]
(m => [m.head, m.body.toString()])(new Message('x'))
