// expect: value [true, false, false]
(m => [m.contains('10.1.2.3'), m.contains('10.2.0.1'), m.contains('bad')])(new Netmask('10.1.0.0/16'))
