// expect: value {"color": "red"}
Hessian.decode(new Data('4303436172910563' + '6f6c6f72' + '60' + '03726564', 'hex'))
