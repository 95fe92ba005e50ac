// Proxies to the configured target, adding the configured request headers.
(config =>

  pipy({
    _upstream: null,
  })

  .import({
    __turnDown: 'gateway',
    __upstream: 'router',
  })

  .pipeline('request')
  .handleMessageStart(
    () => (
      _upstream = config.upstreams[__upstream] || null,
      _upstream && (__turnDown = true)
    )
  )
  .link(
    'forward', () => Boolean(_upstream),
    ''
  )

  .pipeline('forward')
  .replaceMessageStart(
    evt => new MessageStart({
      ...evt.head,
      headers: { ...evt.head.headers, ..._upstream.headers },
    })
  )
  .muxHTTP(
    'connection',
    () => _upstream.target
  )

  .pipeline('connection')
  .connect(
    () => _upstream.target
  )

)(JSON.decode(pipy.load('config/upstream.json')))
