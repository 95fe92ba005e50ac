// Tutorial feature "round-robin load balancing": the router plugin names a service, the balancer
// plugin keeps one algo.RoundRobinLoadBalancer per service (targets and weights from
// config/balancer.json) and sends each request to the next target, so equal targets take turns and a
// target of weight 2 gets two requests for every one of its weight-1 neighbour.
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
