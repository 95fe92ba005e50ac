// expect: error Error: path escapes the codebase root: /etc/passwd
os.readFile('/etc/passwd')
