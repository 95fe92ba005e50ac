// expect: rejected 2:1 'let' declarations
let x = 1
