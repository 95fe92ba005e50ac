// expect: rejected 2:4 methods
({ m() {} })
