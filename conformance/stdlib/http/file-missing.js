// expect: error Error: file not found: /nothere
new http.File('/nothere')
