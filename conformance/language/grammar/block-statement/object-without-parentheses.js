// expect: rejected 2:1 block statements
{ a() }
