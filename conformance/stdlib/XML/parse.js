// expect: value ["", "a", {"x": "1"}, ["t", "b", null]]
(d => (a => [d.name, a.name, a.attributes, [a.children[0], a.children[1].name, a.children[1].attributes]])(d.children[0]))(XML.parse('<a x="1">t<b/></a>'))
