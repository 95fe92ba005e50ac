// expect: limit depth
(f => f(f))(f => f(f))
