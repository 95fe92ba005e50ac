// expect: error TypeError: argument #1 expects a function
repeat('x')
