// expect: error TypeError: Cannot set properties of undefined
(x => x.y = 1)(undefined)
