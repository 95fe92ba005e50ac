// expect: error SyntaxError: 
JSON.parse('{bad}')
