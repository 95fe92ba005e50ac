// expect: rejected 2:2 'undefined' cannot be a parameter name
(undefined) => 1
