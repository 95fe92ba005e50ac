// expect: value null
os.stat('nothere')
