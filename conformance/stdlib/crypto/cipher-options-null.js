// expect: error Error: options cannot be null
new crypto.Cipher('aes-128-cbc')
