// Tutorial feature "routing": an algo.URLRouter maps host + path patterns to upstream services and
// each request is proxied to the service its route names; a request no route matches gets a 404.
// Routes are matched host first (an exact host, then a `*.` wildcard host, then any host), and under a
// host an exact path wins over the longest `/*` prefix.
pipy({
  _router: new algo.URLRouter({
    '/hi/*': 'localhost:' + os.env.PORT_BACKEND_1,
    '/hi/special': 'localhost:' + os.env.PORT_BACKEND_2,
    '/echo': 'localhost:' + os.env.PORT_BACKEND_3,
    'api.example.com/*': 'localhost:' + os.env.PORT_BACKEND_2,
    '*.example.com/v1/*': 'localhost:' + os.env.PORT_BACKEND_1,
  }),
  _target: undefined,
})

  .listen(Number(os.env.PORT_1))
  .demuxHTTP('request')

  .pipeline('request')
  .handleMessageStart(
    msg => (
      _target = _router.find(
        msg.head.headers.host,
        msg.head.path,
      )
    )
  )
  .link(
    'forward', () => Boolean(_target),
    'no-route'
  )

  .pipeline('forward')
  .muxHTTP(
    'connection',
    () => _target
  )

  .pipeline('connection')
  .connect(
    () => _target
  )

  .pipeline('no-route')
  .replaceMessage(
    new Message({ status: 404 }, 'No route')
  )
