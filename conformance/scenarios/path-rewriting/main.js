// Tutorial feature "path rewriting": a plugin between the router and the balancer rewrites request
// paths with the regular expressions config/rewrite.json gives for each service, so a service mounted
// under a prefix on the proxy sees its own paths. The query string is kept as it is.
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
