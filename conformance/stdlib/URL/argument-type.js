// expect: error TypeError: argument #1 expects a string
new URL(42)
