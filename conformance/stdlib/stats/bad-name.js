// expect: error TypeError: argument #1 expects a string
new stats.Counter(1)
