// expect: accepted
delete o.x
