// expect: rejected 2:1 'delete' of a plain variable
delete x
