// expect: rejected 2:1 'while' loops
while (a) f()
