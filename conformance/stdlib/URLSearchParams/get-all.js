// expect: value ["1", ["1", "2"], "", null]
(p => [p.get('x'), p.getAll('x'), p.get('y'), p.get('z')])(new URLSearchParams('x=1&x=2&y'))
