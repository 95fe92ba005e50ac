(config =>

  pipy({
    _keys: Object.fromEntries(
      Object.entries(config.keys).map(
        ([kid, filename]) => [
          kid, filename.endsWith('.json') ? (
            new crypto.JWK(JSON.decode(pipy.load(filename)))
          ) : (
            new crypto.PublicKey(pipy.load(filename))
          )
        ]
      )
    ),

    _roles: null,
    _jwt: null,
    _key: null,
    _error: null,
  })

  .import({
    __turnDown: 'proxy',
    __serviceID: 'router',
  })

  .pipeline('request')
  .handleMessageStart(
    msg => (
      _roles = config.services[__serviceID],
      _roles && (
        _jwt = new crypto.JWT((msg.head.headers.authorization || '').replace('Bearer ', '')),
        _error = (
          !_jwt.isValid ? [401, 'Invalid token'] :
          !(_key = _keys[_jwt.header.kid]) ? [401, 'Invalid key'] :
          !_jwt.verify(_key) ? [401, 'Invalid signature'] :
          !_roles.includes(_jwt.payload.role) ? [403, 'Access denied'] : null
        ),
        _error ? (
          __turnDown = true
        ) : (
          msg.head.headers['x-user'] = _jwt.payload.sub
        )
      )
    )
  )
  .link(
    'deny', () => Boolean(_error),
    ''
  )

  .pipeline('deny')
  .replaceMessage(
    () => new Message({ status: _error[0] }, _error[1])
  )

)(JSON.decode(pipy.load('config/jwt.json')))
