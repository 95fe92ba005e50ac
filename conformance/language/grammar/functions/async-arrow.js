// expect: rejected 2:3 async arrow functions
f(async x => x)
