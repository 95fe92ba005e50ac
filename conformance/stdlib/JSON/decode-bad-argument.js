// expect: error TypeError: argument #1 expects an instance of Data
JSON.decode('{}')
