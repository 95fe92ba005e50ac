// expect: rejected 2:1 assignment to 'undefined'
undefined = 1
