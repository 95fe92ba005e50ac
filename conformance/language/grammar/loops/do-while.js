// expect: rejected 2:1 'do-while' loops
do f()
while (a)
