// expect: rejected 2:11 'continue' statements
while (a) continue
