// expect: error TypeError: unknown error type
new StreamEnd('Foo')
