// A PipyJS script as a user writes it (one expression), checked against types/pipy.d.ts.
((config, router, balancer, unhealthy, requests) => pipy({ _target: undefined, _requests: 0 })
  .export('proxy', { __turnDown: false })
  .listen(config.port, { idleTimeout: '30s', maxConnections: 100 })
  .handleStreamStart(() => console.log('connection from', __inbound?.remoteAddress, 'in', __filename))
  .demuxHTTP('request')

  .pipeline('request')
  .handleMessageStart(msg => (
    _requests++,
    requests.withLabels(msg.head.method)?.increase(),
    _target = router.find(msg.head.headers.host, new URL(msg.head.path, 'http://localhost').pathname) ?? balancer.select()
  ))
  .link('forward', () => Boolean(_target), 'not-found')

  .pipeline('forward')
  .muxHTTP('connection', () => _target)

  .pipeline('connection')
  .connect(() => _target ?? '127.0.0.1:8080', { retryCount: 3, connectTimeout: 5 })
  .handleStreamEnd(evt => evt.error && unhealthy.set(_target, true))

  .pipeline('not-found')
  .replaceMessage(msg => new Message({ status: 404 }, `no route for ${msg.head.path}`))

  .task('5s')
  .replaceMessage(() => (console.log(`${_requests} requests`), new StreamEnd()))
)(
  JSON.decode(pipy.load('config.json')) ?? { port: 8080 },
  new algo.URLRouter({ '/api/*': 'localhost:8081', 'a.com/': 'localhost:8082' }),
  new algo.RoundRobinLoadBalancer({ 'localhost:8081': 2, 'localhost:8082': 1 }),
  new algo.Cache(null, null, { ttl: '10s' }),
  new stats.Counter('requests', ['method']),
)
