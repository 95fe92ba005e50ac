// expect: rejected 2:1 'var' declarations
var x = 1
