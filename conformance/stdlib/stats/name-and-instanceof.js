// expect: value ["e", true, false]
(c => [c.name, c instanceof stats.Counter, c instanceof stats.Gauge])(new stats.Counter('e'))
