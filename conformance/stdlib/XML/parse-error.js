// expect: value null
XML.parse('<a><b></a>')
