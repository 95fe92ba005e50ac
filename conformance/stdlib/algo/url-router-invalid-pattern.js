// expect: error Error: invalid URL pattern
new algo.URLRouter({'h:80/x': 1})
