// expect: value [-2, 3, 1, 2]
[Math.round(-2.5), Math.hypot(1, 2, 2), Math.max(1, 0), Math.sign(5) + 1]
