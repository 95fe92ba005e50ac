// expect: error TypeError: options.size expects a number
new algo.Cache(null, null, {size: 'x'})
