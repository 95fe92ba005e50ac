// expect: value "{\"b\":2}"
JSON.encode({a: 1, b: 2}, (k, v) => k === 'a' ? undefined : v).toString()
