// expect: limit steps
repeat(() => true)
