// Tutorial feature "JWT checking": before a request is balanced to its service, the jwt plugin checks
// the bearer token for the services config/jwt.json protects. The token's `kid` picks one of the
// public keys loaded from secret/: an RSA key for RS256 tokens, ECDSA P-256 keys for ES256 ones (one
// as a PEM file, one as a JWK).
// 401 "Invalid token" (not a JWT), 401 "Invalid key" (unknown kid), 401 "Invalid signature",
// 403 "Access denied" (a valid token whose role the service does not admit). The keys and tokens were
// made once by secret/make-keys-and-tokens.mjs.
(config =>

  pipy()

  .export('proxy', {
    __turnDown: false,
  })

  .listen(config.listen)
  .demuxHTTP('request')

  .pipeline('request')
  .use(
    config.plugins,
    'request',
    () => __turnDown
  )

)(JSON.decode(pipy.load('config/proxy.json')))
