// expect: value ""
XML.stringify(new XML.Node('a'))
