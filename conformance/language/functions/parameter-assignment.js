// expect: value 8
((x, y) => (y = x * 2, y))(4)
