// expect: error Error: path escapes the codebase root: /
os.stat('/')
