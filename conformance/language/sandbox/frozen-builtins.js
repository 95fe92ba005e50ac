// expect: error TypeError: read only
Math.abs = 1
