// expect: value [true, false, false]
(m => [m instanceof Message, m instanceof MessageStart, m instanceof Data])(new Message('x'))
