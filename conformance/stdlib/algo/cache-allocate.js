// expect: value ["a!", "b!"]
(c => [c.get('a'), c.get('b')])(new algo.Cache(k => k + '!'))
