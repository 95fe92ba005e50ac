// expect: value true
(b => (x => (b.select(), b.deselect(x), b.select() === x))(b.select()))(new algo.LeastWorkLoadBalancer({a: 1, b: 1}))
