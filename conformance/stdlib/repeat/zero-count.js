// expect: value "undefined"
typeof repeat(0, i => true)
