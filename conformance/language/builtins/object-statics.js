// expect: value [["b", "a", "c"], ["0", "1"], {"a": 1, "2": null}]
[Object.keys({b: 1, ['a']: 2, c: 3}), Object.keys([5, 6]), Object.fromEntries([['a', 1], [2, null]])]
