// expect: value [404, null]
(m => [m.head.status, m.body])(new Message({status: 404}))
