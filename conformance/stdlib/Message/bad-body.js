// expect: error TypeError: argument #2 expects a string or Data
new Message({}, 5)
