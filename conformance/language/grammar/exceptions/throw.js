// expect: rejected 2:1 'throw' statements
throw new Error('x')
