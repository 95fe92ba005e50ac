// expect: value [true, "abc", [1, 2, 3, 255]]
(d => [d.push('b') === d, d.push(new Data('c')).toString(), new Data([1, '2', 259, -1]).toArray()])(new Data('a'))
