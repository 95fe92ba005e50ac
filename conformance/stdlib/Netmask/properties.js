// expect: value ["192.168.1.0", "255.255.255.0", 24, "0.0.0.255", "192.168.1.255", 256, "192.168.1.1", "192.168.1.254"]
(m => [m.base, m.mask, m.bitmask, m.hostmask, m.broadcast, m.size, m.first, m.last])(new Netmask('192.168.1.77/24'))
