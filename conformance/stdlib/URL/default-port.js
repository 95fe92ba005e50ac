// expect: value ["80", "443", "21", ""]
[new URL('http://h').port, new URL('wss://h/').port, new URL('ftp://h/').port, new URL('foo://h/x').port]
