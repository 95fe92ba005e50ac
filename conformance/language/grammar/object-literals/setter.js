// expect: rejected 2:4 setters
({ set a(v) {} })
