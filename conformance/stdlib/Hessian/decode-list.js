// expect: value [1, 2]
Hessian.decode(new Data('5791925a', 'hex'))
