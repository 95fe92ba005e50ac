// expect: error TypeError: argument #1 expects a string
new StreamEnd(3)
