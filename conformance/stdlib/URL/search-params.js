// expect: value "1"
new URL('http://h/p?x=1&y=2').searchParams.get('x')
