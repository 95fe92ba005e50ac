// expect: value ["10.0.0.1", "10.0.0.2", "", ""]
(m => [m.next(), m.next(), m.next(), m.next()])(new Netmask('10.0.0.0/30'))
