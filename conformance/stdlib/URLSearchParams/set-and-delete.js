// expect: value "b=1&b=2&c=3"
(p => (p.set('a', null), p.set('b', [1, 2]), p.set('c', 3), p.toString()))(new URLSearchParams('a=0'))
