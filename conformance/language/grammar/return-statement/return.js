// expect: rejected 2:1 'return' statements
return 1
