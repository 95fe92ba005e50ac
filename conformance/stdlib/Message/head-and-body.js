// expect: value [1, 3]
(m => [m.head.a, m.body.size])(new Message({a: 1}, new Data('abc')))
