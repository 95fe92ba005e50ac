// expect: value 5
(c => (c.increase(), c.increase(4), c.valueOf()))(new stats.Counter('a'))
