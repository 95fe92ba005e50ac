// expect: value ["n", {"k": "v"}, ["x"], true]
(n => [n.name, n.attributes, n.children, n instanceof XML.Node])(new XML.Node('n', {k: 'v'}, ['x']))
