(config =>

  pipy({
    _services: Object.fromEntries(
      config.services.map(name => [name, true])
    ),

    _cache: new algo.Cache(null, null, { ttl: config.ttl }),

    _key: '',
    _cached: null,
  })

  .import({
    __turnDown: 'proxy',
    __serviceID: 'router',
  })

  .pipeline('request')
  .handleMessageStart(
    msg => (
      _key = '',
      _cached = null,
      _services[__serviceID] && msg.head.method === 'GET' && (
        _key = msg.head.headers.host + msg.head.path,
        _cached = _cache.get(_key) || null,
        _cached && (__turnDown = true)
      )
    )
  )
  .link(
    'from-cache', () => Boolean(_cached),
    ''
  )

  .pipeline('from-cache')
  .replaceMessage(
    () => new Message(_cached.head, _cached.body)
  )

  .pipeline('response')
  .handleMessage(
    msg => (
      _key && !_cached && msg.head.status === 200 && (
        _cache.set(_key, new Message(msg.head, new Data(msg.body)))
      )
    )
  )
  .replaceMessageStart(
    evt => new MessageStart({
      ...evt.head,
      headers: { ...evt.head.headers, 'x-cache': _cached ? 'HIT' : 'MISS' },
    })
  )

)(JSON.decode(pipy.load('config/cache.json')))
