// expect: value 3
(x => y => x + y)(1)(2)
