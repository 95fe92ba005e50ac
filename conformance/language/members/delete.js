// expect: value [true, null, 3]
[(o => (o.b = 2, delete o.b))({}), (o => (delete o.a, o.a ?? null))({a: 1}), (a => (delete a[0], a.length))([1, 2, 3])]
