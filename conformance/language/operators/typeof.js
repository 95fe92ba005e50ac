// expect: value ["object", "function", "object", "function", "undefined"]
typeof null === "object" ? [typeof null, typeof Object, typeof Math, typeof (x => x), typeof nope] : []
