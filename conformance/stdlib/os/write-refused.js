// expect: error Error: os.writeFile: the codebase is read-only: out.txt
os.writeFile('out.txt', 'x')
