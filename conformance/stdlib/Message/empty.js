// expect: value [null, null, null, null]
[new Message().head, new Message().body, new Message(null).body, new Message(null, null).body]
