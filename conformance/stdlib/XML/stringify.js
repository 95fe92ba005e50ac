// expect: value "<a x=\"1\"><b/>t</a>"
XML.stringify(XML.parse('<a x="1"><b></b>t</a>'))
