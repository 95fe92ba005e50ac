// expect: value [true, false]
(e => [e instanceof StreamEnd, e instanceof MessageEnd])(new StreamEnd('ReadError'))
