// Tutorial feature "configuration files": nothing about this gateway is written in its scripts. The
// port and the plugin list come from config/gateway.json; each plugin reads its own JSON file with
// pipy.load + JSON.decode when its module is evaluated, so changing a file and reloading (SIGHUP)
// is enough to change routes, upstreams, injected headers or the canned answers; the case does that
// with the routes and the fallback answer.
(config =>

  pipy()

  .export('gateway', {
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

)(JSON.decode(pipy.load('config/gateway.json')))
