// expect: error Error: path escapes the codebase root: ../secret.txt
os.readFile('../secret.txt')
