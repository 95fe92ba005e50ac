// expect: value "/"
new MessageStart({path: '/'}).head.path
