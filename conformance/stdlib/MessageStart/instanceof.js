// expect: value [true, false, false]
(e => [e instanceof MessageStart, e instanceof MessageEnd, e instanceof Data])(new MessageStart())
