// expect: value [true, true, true, true, false]
['a' in {a: 1}, 'toString' in {}, [] instanceof Array, [] instanceof Object, 1 instanceof Number]
