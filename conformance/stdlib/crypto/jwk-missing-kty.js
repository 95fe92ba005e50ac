// expect: error Error: missing "kty"
new crypto.JWK({})
