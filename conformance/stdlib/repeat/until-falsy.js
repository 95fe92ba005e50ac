// expect: value [false, [0, 1, 2]]
(a => [repeat(i => (a.push(i), i < 2)), a])([])
