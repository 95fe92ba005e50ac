// expect: value "undefined"
typeof globalThis
