// expect: value ["\n  ", "\n"]
(a => [a.children[0], a.children[2]])(XML.parse('<a>\n  <b/>\n</a>').children[0])
