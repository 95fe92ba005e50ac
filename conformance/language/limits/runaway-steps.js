// expect: limit steps
(f => f(f, 40))((f, n) => n < 2 ? n : f(f, n - 1) + f(f, n - 2))
