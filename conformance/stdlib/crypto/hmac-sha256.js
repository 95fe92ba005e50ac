// expect: value "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
(h => (h.update('The quick brown fox jumps over the lazy dog'), h.digest('hex')))(new crypto.Hmac('sha256', 'key'))
