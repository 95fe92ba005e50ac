// expect: value "/a/c/d"
new URL('c/d', 'http://h.com/a/b').path
