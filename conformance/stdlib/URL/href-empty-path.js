// expect: value "http://example.com/"
new URL('http://example.com').href
