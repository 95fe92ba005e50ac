// expect: rejected 2:11 'break' statements
while (a) break
