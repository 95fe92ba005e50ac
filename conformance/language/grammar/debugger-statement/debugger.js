// expect: rejected 2:1 'debugger' statements
debugger
