// expect: rejected 2:2 'arguments' cannot be a parameter name
(arguments) => 1
