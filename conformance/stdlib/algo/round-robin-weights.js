// expect: value [2, 1]
(b => (s => [s.filter(x => x === 'a').length, s.filter(x => x === 'b').length])(new Array(3).fill(0).map(() => b.select())))(new algo.RoundRobinLoadBalancer({a: 2, b: 1}))
