// expect: value [null, null, "hi"]
[Data.from('aGk', 'base64'), Data.from('zz', 'hex'), Data.from('aGk', 'base64url').toString()]
