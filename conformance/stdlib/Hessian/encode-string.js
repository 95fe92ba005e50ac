// expect: value "0568656c6c6f"
Hessian.encode('hello').toString('hex')
