// expect: value [null, null]
[undefined + 1, +undefined].map(x => Number.isNaN(x) ? null : x)
