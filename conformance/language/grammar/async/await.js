// expect: rejected 2:1 'await' is not supported
await f()
