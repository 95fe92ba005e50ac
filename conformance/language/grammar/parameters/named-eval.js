// expect: rejected 2:2 'eval' cannot be a parameter name
(eval) => 1
