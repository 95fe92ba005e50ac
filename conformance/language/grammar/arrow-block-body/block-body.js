// expect: rejected 2:8 arrow functions with a block body
f(x => { x })
