// expect: value [null, true, false, 0, -2048, 262144, 2147483648, 1.5, "héllo"]
[null, true, false, 0, -2048, 262144, 2147483648, 1.5, 'héllo'].map(v => Hessian.decode(Hessian.encode(v)))
