// expect: rejected 2:1 'switch' statements
switch (a) {
  case 1: f()
}
