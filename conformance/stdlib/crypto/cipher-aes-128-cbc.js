// expect: value ["7bedceb0655f38941069789f36462091", "hello"]
(o => (c => (hex => [hex, (d => d.update(new Data(hex, 'hex')).toString() + d.final().toString())(new crypto.Decipher('aes-128-cbc', o))])(c.update('hello').toString('hex') + c.final().toString('hex')))(new crypto.Cipher('aes-128-cbc', o)))({key: '0123456789abcdef', iv: 'fedcba9876543210'})
