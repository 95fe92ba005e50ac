// expect: rejected 2:11 regular-expression literals
'a'.match(/a+/g)
