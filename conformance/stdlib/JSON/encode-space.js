// expect: value "{\n  \"a\": [\n    1\n  ]\n}"
JSON.encode({a: [1]}, null, 2).toString()
