// Tutorial feature "sticky balancing": for a service with a `sticky` header in config/balancer.json the
// balancer plugin picks the target with an algo.HashingLoadBalancer keyed by that header's value, so
// every request of one session (whatever connection it comes on) lands on the same target. Requests
// without the header, and services without stickiness, are balanced round-robin.
(config =>

  pipy()

  .export('proxy', {
    __turnDown: false,
  })

  .listen(config.listen)
  .demuxHTTP('request')

  .pipeline('request')
  .use(
    config.plugins,
    'request',
    () => __turnDown
  )

)(JSON.decode(pipy.load('config/proxy.json')))
