// expect: value [6, [1]]
[(a => (a[5] = 1, a.length))([1]), (a => (a.length = 1, a))([1, 2, 3])]
