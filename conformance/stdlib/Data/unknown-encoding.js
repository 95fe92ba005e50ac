// expect: error TypeError: unknown encoding
new Data('x', 'latin1')
