// expect: error Error: invalid hex encoding
new Data('zz', 'hex')
