// expect: value {"a": "1", "b": ["2", "3"]}
new URLSearchParams('?a=1&b=2&b=3').toObject()
