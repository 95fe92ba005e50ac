// Tutorial feature "connection pooling": upstream connections are pooled with algo.ResourcePool.
// While a client connection is open it holds one pooled connection name per target (the client's
// inbound is the pool tenant), and muxHTTP shares an upstream connection among everything that uses
// the same name. When the client goes away its names return to the pool, so the next client reuses
// the same upstream connection instead of opening a new one; two clients open at the same time hold
// two different ones.
(config =>

  pipy()

  .export('proxy', {
    __turnDown: false,
  })

  .listen(config.listen)
  .use(config.plugins, 'session')
  .demuxHTTP('request')

  .pipeline('request')
  .use(
    config.plugins,
    'request',
    () => __turnDown
  )

)(JSON.decode(pipy.load('config/proxy.json')))
