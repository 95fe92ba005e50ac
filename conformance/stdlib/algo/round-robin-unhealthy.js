// expect: value ["b", "b", "b"]
(c => (c.set('a', true), (b => [b.select(), b.select(), b.select()])(new algo.RoundRobinLoadBalancer(['a', 'b'], c))))(new algo.Cache())
