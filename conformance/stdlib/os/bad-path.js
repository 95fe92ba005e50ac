// expect: error TypeError: argument #1 expects a string
os.readFile(1)
