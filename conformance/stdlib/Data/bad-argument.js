// expect: error TypeError: argument #1 expects a string, Array or Data
new Data(5)
