// expect: value [2, 1]
((a, b) => ([a, b] = [b, a], [a, b]))(1, 2)
