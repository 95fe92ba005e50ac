// expect: value 2
(g => (g.withLabels('a').set(5), g.withLabels('b').set(2), g.withLabels('a').zero(), g.valueOf()))(new stats.Gauge('z', ['p']))
