// expect: error TypeError: requires 0 to 2 arguments
new Message(1, 2, 3)
