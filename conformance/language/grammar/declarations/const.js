// expect: rejected 2:1 'const' declarations
const x = 1
