// expect: rejected 2:1 numeric separators
1_000
