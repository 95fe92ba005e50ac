// expect: rejected 2:4 ';' is not supported
a(); b()
