// expect: value [true, false, false]
(e => [e instanceof MessageEnd, e instanceof MessageStart, e instanceof StreamEnd])(new MessageEnd())
