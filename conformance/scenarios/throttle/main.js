// Tutorial feature "throttling": the throttle plugin limits the message rate of each service listed in
// config/throttle.json. All requests to one service draw on one token bucket (the service name is the
// throttle account) refilled every second; a request that finds it empty is held back, not refused,
// until the next refill. Services without a limit are not slowed down, not even when their requests
// share an upstream connection with those of a client that pipelines requests to a throttled service
// (only that client's connection stops being read while it waits).
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
