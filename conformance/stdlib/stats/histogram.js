// expect: value [1, 2, 3]
(h => (h.observe(1), h.observe(5), h.observe(50), h.valueOf()))(new stats.Histogram('lat', [1, 10]))
