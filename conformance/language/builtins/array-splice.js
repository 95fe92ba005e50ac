// expect: value [[2], [1, "x", "y", 3]]
(a => [a.splice(1, 1, 'x', 'y'), a])([1,2,3])
