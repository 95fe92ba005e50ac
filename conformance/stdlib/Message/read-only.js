// expect: error TypeError: Cannot assign to read only property 'head'
(m => m.head = {})(new Message())
