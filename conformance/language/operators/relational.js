// expect: value [true, false, true]
['10' < '9', '10' < 9, null >= 0]
