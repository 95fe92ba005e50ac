// expect: rejected 2:1 function declarations
function f() {}
