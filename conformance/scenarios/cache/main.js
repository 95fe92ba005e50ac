// Tutorial feature "caching": the cache plugin keeps the responses of the services listed in
// config/cache.json in an algo.Cache keyed by host + path, with the configured ttl. A GET it can
// answer from the cache does not reach the balancer (it sets __turnDown); the others go on, and their
// 200 responses are stored on the way back through the plugin's 'response' layout. Every response
// says x-cache: HIT or MISS.
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
    'response',
    () => __turnDown
  )

)(JSON.decode(pipy.load('config/proxy.json')))
