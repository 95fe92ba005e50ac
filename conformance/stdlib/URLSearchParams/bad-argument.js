// expect: error TypeError: argument #1 expects a string or an object
new URLSearchParams(1)
