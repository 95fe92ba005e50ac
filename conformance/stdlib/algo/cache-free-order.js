// expect: value ["a=1", "b=2"]
(log => (c => (c.set('a', 1), c.set('b', 2), c.set('c', 3), log))(new algo.Cache(null, (k, v) => log.push(k + '=' + v), {size: 1})))([])
