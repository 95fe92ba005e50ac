// expect: value [2, null]
[JSON.parse('{"a":1,"a":2}').a, JSON.parse('[1, null]')[1]]
