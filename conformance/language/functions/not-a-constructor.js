// expect: error TypeError: is not a constructor
new (x => x)
