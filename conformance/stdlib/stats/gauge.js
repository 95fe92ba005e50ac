// expect: value 9
(g => (g.set(10), g.increase(3), g.decrease(4), g.valueOf()))(new stats.Gauge('g'))
