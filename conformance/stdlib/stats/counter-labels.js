// expect: value [3, 2, 1]
(c => (c.withLabels('GET').increase(2), c.withLabels('POST').increase(), [c.valueOf(), c.withLabels('GET').valueOf(), c.withLabels('POST').valueOf()]))(new stats.Counter('r', ['method']))
