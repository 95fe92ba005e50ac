// expect: value 3
(1, 2, 3)
