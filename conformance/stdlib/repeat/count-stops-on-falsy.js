// expect: value [false, [0, 1, 2, 3]]
(a => [repeat(10, i => (a.push(i), i < 3)), a])([])
