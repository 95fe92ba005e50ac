// expect: error Error: file not found: /
new http.File('/')
