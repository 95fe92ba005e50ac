// expect: error TypeError: unknown encoding
new crypto.Hash('sha1').digest('latin1')
