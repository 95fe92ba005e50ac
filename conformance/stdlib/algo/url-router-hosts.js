// expect: value ["A", "W", "N", "A", null]
(r => [r.find('a.com', '/x'), r.find('b.a.com/x'), r.find('c.b.a.com/x'), r.find('a.com:8080/x?q=1'), r.find('no-slash') ?? null])(new algo.URLRouter({'a.com/*': 'A', '*.a.com/*': 'W', '/x': 'N'}))
