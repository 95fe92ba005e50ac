// expect: value "<a>\n  <b>t</b>\n  <c/>\n</a>"
XML.stringify(XML.parse('<a><b>t</b><c/></a>'), 2)
