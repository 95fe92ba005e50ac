// expect: error SyntaxError: JSON
JSON.decode(new Data('[1,'))
