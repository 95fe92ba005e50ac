// expect: value {"a": [1, [2, "x"]], "b": {"c": null}}
Hessian.decode(Hessian.encode({a: [1, [2, 'x']], b: {c: null}}))
