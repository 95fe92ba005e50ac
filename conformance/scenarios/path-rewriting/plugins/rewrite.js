(config =>

  pipy({
    _rewriters: Object.fromEntries(
      Object.entries(config.rewrite).map(
        ([k, v]) => [
          k, v.map(([pattern, replacement]) => [new RegExp(pattern), replacement])
        ]
      )
    ),

    _rules: null,
  })

  .import({
    __serviceID: 'router',
  })

  .pipeline('request')
  .handleMessageStart(
    msg => (
      _rules = _rewriters[__serviceID],
      _rules && (
        // only the first matching rule applies
        _rules.find(
          ([pattern, replacement]) => (
            pattern.test(msg.head.path) && (
              msg.head.path = msg.head.path.replace(pattern, replacement),
              true
            )
          )
        )
      )
    )
  )

)(JSON.decode(pipy.load('config/rewrite.json')))
