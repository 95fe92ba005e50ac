// expect: rejected 3:1 a PipyJS script is one expression
a()
b()
