// expect: rejected 2:3 async functions
f(async function () {})
