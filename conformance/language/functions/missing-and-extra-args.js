// expect: value [null, 1]
[((a, b, c) => c)(1, 2) ?? null, ((a) => a)(1, 2, 3)]
