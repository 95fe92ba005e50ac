// expect: value [true, false, true, false, false, true, false]
[1 == '1', 1 === '1', null == undefined, null == 0, '' == null, '0' == false, 2 == true]
