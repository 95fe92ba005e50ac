// expect: value [1, null]
[({if: 1}).if, ({class: null}).class]
