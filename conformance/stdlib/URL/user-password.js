// expect: value ["u", "p", "h:1"]
(u => [u.username, u.password, u.host])(new URL('http://u:p@h:1/'))
