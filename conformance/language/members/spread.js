// expect: value [[1, 2, "a", "b"], ["x", "z"]]
[[...[1, 2], ...'ab'], Object.keys({...{x: 1}, z: 1})]
