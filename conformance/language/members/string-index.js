// expect: value ["b", "b", 3]
['abc'[1], 'abc'.charAt(1), 'abc'.length]
