// Proxies a request whose service is known, and stops the chain.
(config =>

  pipy({
    _target: '',
  })

  .import({
    __turnDown: 'main',
    __serviceID: 'router',
    __handledBy: 'plugins',
  })

  .pipeline('request')
  .handleMessageStart(
    () => (
      _target = config.services[__serviceID] || '',
      _target && (__turnDown = true, __handledBy = 'forward:' + __serviceID)
    )
  )
  .link(
    'forward', () => Boolean(_target),
    ''
  )

  .pipeline('forward')
  .muxHTTP(
    'connection',
    () => _target
  )

  .pipeline('connection')
  .connect(
    () => _target
  )

)(JSON.decode(pipy.load('config/forward.json')))
