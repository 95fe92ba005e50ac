// expect: value ["https:", "Example.com:8443", "Example.com", "8443", "/a/b?x=1&y=2", "/a/b", "?x=1&y=2", "x=1&y=2", "#frag", "https://Example.com:8443", "user:pw"]
(u => [u.protocol, u.host, u.hostname, u.port, u.path, u.pathname, u.search, u.query, u.hash, u.origin, u.auth])(new URL('https://user:pw@Example.com:8443/a/b?x=1&y=2#frag'))
