// expect: rejected 2:1 'super' is not supported
super.x
