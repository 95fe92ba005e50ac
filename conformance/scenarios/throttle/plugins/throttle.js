(config =>

  pipy({
    _rateLimit: 0,
  })

  .import({
    __serviceID: 'router',
  })

  .pipeline('request')
  .handleMessageStart(
    () => _rateLimit = (config.services[__serviceID] || {}).rateLimit || 0
  )
  .link(
    'throttle', () => _rateLimit > 0,
    ''
  )

  .pipeline('throttle')
  .throttleMessageRate(
    () => _rateLimit,
    () => __serviceID,
  )

)(JSON.decode(pipy.load('config/throttle.json')))
