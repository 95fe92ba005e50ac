// expect: value {"x": "y", "n": [1, null]}
JSON.decode(JSON.encode({x: 'y', n: [1, null]}))
