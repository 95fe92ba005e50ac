// expect: value 5
(a => (a.increase(2), new stats.Counter('n').increase(3), a.valueOf()))(new stats.Counter('n'))
