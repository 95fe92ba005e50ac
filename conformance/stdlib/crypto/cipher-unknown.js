// expect: error Error: Unknown cipher: nope
new crypto.Cipher('nope', {key: 'k'})
