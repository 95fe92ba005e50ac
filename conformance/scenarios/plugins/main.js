// Tutorial feature "plugins": the main script only accepts HTTP and hands each request to a chain of
// plugin modules (`use` with a 'request' and a 'response' layout). A plugin that has answered or
// forwarded a request sets the shared __turnDown, so the plugins after it are skipped and the response
// travels back up through the 'response' layouts of the plugins before it.
(config =>

  pipy()

  .export('main', {
    __turnDown: false,
  })

  .listen(config.listen)
  .demuxHTTP('request')

  .pipeline('request')
  .use(
    config.plugins,
    'request',
    'response',
    () => __turnDown
  )

)(JSON.decode(pipy.load('config/main.json')))
