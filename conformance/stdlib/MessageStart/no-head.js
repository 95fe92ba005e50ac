// expect: value [null, null]
[new MessageStart().head, new MessageStart(null).head]
