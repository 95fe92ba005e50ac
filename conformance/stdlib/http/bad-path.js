// expect: error TypeError: argument #1 expects a string
new http.File(1)
