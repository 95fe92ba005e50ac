((config, counter) =>

  pipy({
    _services: Object.fromEntries(
      Object.entries(config.services).map(
        ([k, v]) => [
          k, new algo.RoundRobinLoadBalancer(v)
        ]
      )
    ),

    // pool = target, resource = a connection name for that target
    _connectionPool: new algo.ResourcePool(
      target => target + '#' + (++counter.n)
    ),

    _client: null,
    _target: '',
    _connection: '',
  })

  .import({
    __turnDown: 'proxy',
    __serviceID: 'router',
  })

  .pipeline('session')
  .handleStreamStart(
    () => _client = __inbound
  )
  .handleStreamEnd(
    () => _connectionPool.freeTenant(_client)
  )

  .pipeline('request')
  .handleMessageStart(
    () => (
      _target = (_services[__serviceID] && _services[__serviceID].select()) || '',
      _target && (
        _connection = _connectionPool.allocate(_target, _client),
        __turnDown = true
      )
    )
  )
  .link(
    'forward', () => Boolean(_target),
    ''
  )

  .pipeline('forward')
  .handleMessageStart(
    msg => msg.head.headers['x-pooled-connection'] = _connection
  )
  .muxHTTP(
    'connection',
    () => _connection
  )

  .pipeline('connection')
  .connect(
    () => _target
  )

)(JSON.decode(pipy.load('config/balancer.json')), { n: 0 })
