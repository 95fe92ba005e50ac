// expect: value null
http.File.from('/nothere')
