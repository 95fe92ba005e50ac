// expect: limit memory
'x'.repeat(2 ** 28)
