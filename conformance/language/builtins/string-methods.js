// expect: value ["a-bXc", "a-b-c", "HÉLLO", ["a", "b", "", "c"], 1]
['aXbXc'.replace('X', '-'), 'aXbXc'.replaceAll('X', '-'), 'héllo'.toUpperCase(), 'a,b,,c'.split(','), 'abcabc'.lastIndexOf('b', 3)]
