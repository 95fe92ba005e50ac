// expect: value [5, 6, null]
((a, s) => [a++, a, (s++, Number.isNaN(s) ? null : s)])(5, 'str')
