// expect: value ["function", "function"]
[typeof http.File, typeof http.File.from]
