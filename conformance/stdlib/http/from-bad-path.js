// expect: error TypeError: argument #1 expects a string
http.File.from(null)
