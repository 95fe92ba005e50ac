// expect: value [[], null]
[os.readDir('.'), os.readDir('nothere')]
