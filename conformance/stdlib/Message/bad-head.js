// expect: error TypeError: argument #1 expects an object
new Message(1)
