// expect: value null
new MessageEnd(null, 1).tail
