// expect: error TypeError: Cannot destructure
(({a}) => a)(null)
