// expect: error Error: unexpected end of data
Hessian.decode(new Data('0568', 'hex'))
