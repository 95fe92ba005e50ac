// Tutorial feature "balancing per connection": like round-robin balancing, except that the choice is
// made once per client connection. Each plugin's 'session' layout runs on the raw connection before
// the HTTP decoder; the balancer's keeps an algo.Cache there, from balancer to chosen target, so every
// request of one keep-alive connection goes to the same upstream, while the next connection gets the
// next target in turn. Closing the connection clears the cache, handing the targets back.
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
