// expect: value "b"
((s, f) => (f = s.charAt, f(1)))('abc')
