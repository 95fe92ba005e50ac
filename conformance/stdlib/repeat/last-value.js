// expect: value 0
repeat(i => i < 3 ? i + 1 : 0)
