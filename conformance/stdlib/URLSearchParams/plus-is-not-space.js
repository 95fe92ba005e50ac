// expect: value "x y+z"
new URLSearchParams('b=x%20y+z').get('b')
