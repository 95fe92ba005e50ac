// expect: value false
new RegExp('^(a+)+$').test('a'.repeat(32) + '!')
