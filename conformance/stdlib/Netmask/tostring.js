// expect: value "192.168.1.77/24"
'' + new Netmask('192.168.1.77/24')
