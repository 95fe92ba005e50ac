// expect: value ["undefined", "undefined"]
[typeof JSON.decode(null), typeof JSON.decode()]
