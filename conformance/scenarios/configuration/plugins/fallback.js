// The configured answer for everything else.
(config =>

  pipy()

  .pipeline('request')
  .replaceMessage(
    new Message({ status: config.status }, config.body)
  )

)(JSON.decode(pipy.load('config/fallback.json')))
