// expect: rejected 2:1 'with' statements
with (o) a
