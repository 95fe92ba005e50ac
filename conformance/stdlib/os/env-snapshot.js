// expect: value []
Object.keys(os.env)
