// expect: value "undefined"
typeof JSON.encode(undefined)
