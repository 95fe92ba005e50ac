// expect: value null
os.readFile('nothere.txt')
