// Names the upstream of a request from the routes in config/router.json.
(config =>

  pipy({
    _router: new algo.URLRouter(config.routes),
  })

  .export('router', {
    __upstream: '',
  })

  .pipeline('request')
  .handleMessageStart(
    msg => (
      __upstream = _router.find(
        msg.head.headers.host,
        msg.head.path,
      ) || ''
    )
  )

)(JSON.decode(pipy.load('config/router.json')))
