(config =>

  pipy({
    _services: Object.fromEntries(
      Object.entries(config.services).map(
        ([k, v]) => [
          k, {
            header: v.sticky || '',
            sticky: new algo.HashingLoadBalancer(v.targets),
            roundRobin: new algo.RoundRobinLoadBalancer(v.targets),
          }
        ]
      )
    ),

    _service: null,
    _session: '',
    _target: '',
  })

  .import({
    __turnDown: 'proxy',
    __serviceID: 'router',
  })

  .pipeline('request')
  .handleMessageStart(
    msg => (
      _service = _services[__serviceID],
      _service && (
        _session = _service.header && msg.head.headers[_service.header] || '',
        _target = _session ? _service.sticky.select(_session) : _service.roundRobin.select()
      ),
      _target && (__turnDown = true)
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

)(JSON.decode(pipy.load('config/balancer.json')))
