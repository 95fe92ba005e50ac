// expect: value "x => x + 1"
String(x => x + 1)
