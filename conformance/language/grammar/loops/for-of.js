// expect: rejected 2:1 'for-of' loops
for (x of xs) f(x)
