// expect: value ["90", "bf", "c830", "d40800", "4900040000"]
[0, 47, 48, 2048, 262144].map(v => Hessian.encode(v).toString('hex'))
