// expect: value "{\"a\":1,\"b\":[1,\"x\",null,true],\"c\":{}}"
JSON.stringify({a: 1, b: [1, 'x', null, true], c: {d: undefined, e: x => x}})
