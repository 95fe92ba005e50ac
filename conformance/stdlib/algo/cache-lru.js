// expect: value [1, null, 3]
(c => (c.set('a', 1), c.set('b', 2), c.get('a'), c.set('c', 3), [c.get('a'), c.get('b') ?? null, c.get('c')]))(new algo.Cache(null, null, {size: 2}))
