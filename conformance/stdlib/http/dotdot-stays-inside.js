// expect: value null
http.File.from('../../etc/passwd')
