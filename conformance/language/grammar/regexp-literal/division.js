// expect: accepted
a / b / c
