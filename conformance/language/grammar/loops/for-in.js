// expect: rejected 2:1 'for-in' loops
for (k in o) f(k)
