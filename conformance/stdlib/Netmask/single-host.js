// expect: value ["10.1.2.3", 32, 1, "10.1.2.3", "10.1.2.3"]
(m => [m.base, m.bitmask, m.size, m.first, m.last])(new Netmask('10.1.2.3'))
