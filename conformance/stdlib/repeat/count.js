// expect: value [true, 5]
(a => [repeat(5, i => (a.push(i), true)), a.length])([])
