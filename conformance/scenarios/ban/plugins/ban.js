((config, $) => (

  // an address list holds single addresses and CIDR ranges
  $.matcher = list => (
    (ips, masks) => (
      ip => Boolean(ips[ip]) || masks.some(m => m.contains(ip))
    )
  )(
    Object.fromEntries(list.filter(s => s.indexOf('/') < 0).map(ip => [ip, true])),
    list.filter(s => s.indexOf('/') >= 0).map(s => new Netmask(s)),
  ),

  pipy({
    _isBlacklisted: $.matcher(config.blacklist),

    _whitelists: Object.fromEntries(
      Object.entries(config.services).map(
        ([k, v]) => [
          k, v.whitelist ? $.matcher(v.whitelist) : null
        ]
      )
    ),

    _isDropped: $.matcher(config.drop),

    _banned: false,
    _dropped: false,
  })

  .import({
    __turnDown: 'proxy',
    __serviceID: 'router',
  })

  .pipeline('session')
  .handleStreamStart(
    () => _dropped = _isDropped(__inbound.remoteAddress)
  )
  .link(
    'drop', () => _dropped,
    ''
  )

  .pipeline('drop')
  .replaceStreamStart(
    new StreamEnd
  )

  .pipeline('request')
  .handleMessageStart(
    () => (
      _banned = (
        _isBlacklisted(__inbound.remoteAddress) ||
        Boolean(_whitelists[__serviceID] && !_whitelists[__serviceID](__inbound.remoteAddress))
      ),
      _banned && (__turnDown = true)
    )
  )
  .link(
    'deny', () => _banned,
    ''
  )

  .pipeline('deny')
  .replaceMessage(
    new Message({ status: 403 }, 'Access denied')
  )

))(JSON.decode(pipy.load('config/ban.json')), {})
