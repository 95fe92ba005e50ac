// expect: rejected 2:1 'if' statements
if (a) b()
else c()
