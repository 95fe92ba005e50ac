// expect: error TypeError: argument #2 expects an array
new stats.Histogram('h')
