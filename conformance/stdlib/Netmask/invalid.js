// expect: error Error: invalid CIDR notation
new Netmask('1.2.3/8')
