// expect: value 6765
(f => f(f, 20))((f, n) => n < 2 ? n : f(f, n - 1) + f(f, n - 2))
