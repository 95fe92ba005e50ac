// expect: rejected 2:1 tagged templates
f`x${y}`
