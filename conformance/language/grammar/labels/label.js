// expect: rejected 2:1 labeled statements
outer: a()
