// expect: value 16
(x => (x += 2, x *= 4, x -= 4, x /= 2, x **= 2, x))(1)
