// expect: error Error: options.iv length should be 16
new crypto.Cipher('aes-128-cbc', {key: '0123456789abcdef', iv: 'x'})
