// Tutorial feature "banning client addresses": the ban plugin runs right after the router and answers
// 403 to a client whose address is on the blacklist of config/ban.json, and, for a service that has a
// whitelist, to every client not on it. The lists hold addresses and CIDR ranges (checked with
// Netmask). Everyone else is balanced to the service as usual. Addresses on the `drop` list do not
// even get an answer: the plugin's 'session' layout, which sees the raw connection before any HTTP
// decoding, ends their connections at once.
(config =>

  pipy()

  .export('proxy', {
    __turnDown: false,
  })

  .listen(config.listen)
  .use(config.plugins, 'session')
  .demuxHTTP('request')

  .pipeline('request')
  .use(
    config.plugins,
    'request',
    () => __turnDown
  )

)(JSON.decode(pipy.load('config/proxy.json')))
