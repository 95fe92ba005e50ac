// expect: value "a=x%20y&b=1&b=2"
new URLSearchParams({a: 'x y', b: [1, 2]}).toString()
