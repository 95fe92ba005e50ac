// expect: value [null, "undefined"]
(e => [e.tail, typeof e.payload])(new MessageEnd())
