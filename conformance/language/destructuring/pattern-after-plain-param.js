// expect: value 5
((x, {a}) => a)(1, {a: 5})
