// expect: error TypeError: Cannot read properties of undefined (reading 'x')
undefined.x
