// expect: rejected 2:1 'for' loops
for (;;) a()
