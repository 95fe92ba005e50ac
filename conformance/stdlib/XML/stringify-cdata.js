// expect: value "<a><![CDATA[1 < 2]]></a>"
XML.stringify(XML.parse('<a>1 &lt; 2</a>'))
