// expect: error TypeError: is not a function
(1)()
