// expect: error TypeError: argument #2 expects a function
repeat(3)
