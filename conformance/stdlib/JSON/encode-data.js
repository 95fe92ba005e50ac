// expect: value [true, "{\"a\":[1,\"é\"]}"]
(d => [d instanceof Data, d.toString()])(JSON.encode({a: [1, 'é']}))
