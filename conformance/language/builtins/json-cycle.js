// expect: error TypeError: circular
(o => (o.self = o, JSON.stringify(o)))({a: 1})
