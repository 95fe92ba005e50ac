// expect: value ["Smith, John", true, ["bc", "b", "c"], null]
['John Smith'.replace(new RegExp('(\\w+)\\s(\\w+)'), '$2, $1'), new RegExp('A', 'i').test('a'), [...'abc'.match(new RegExp('(b)(c)'))], 'abc'.match(new RegExp('z'))]
