// Tutorial feature "TLS termination with certificate files": PORT_1 accepts HTTPS with the
// certificate and key named in config/tls.json and proxies plain HTTP to the backend. PORT_2 is a
// plain-HTTP entry that reaches PORT_1 through connectTLS, trusting that same certificate, so the
// black-box runner can drive the TLS side without a TLS client of its own.
((config) => pipy({
  _target: '127.0.0.1:' + os.env.PORT_BACKEND_1,
})
  .listen(Number(os.env.PORT_1))
  .acceptTLS('https', {
    certificate: {
      cert: new crypto.CertificateChain(pipy.load(config.cert)),
      key: new crypto.PrivateKey(pipy.load(config.key)),
    },
  })
  .listen(Number(os.env.PORT_2))
  .connectTLS('to-https', {
    sni: 'localhost',
    trusted: [new crypto.Certificate(pipy.load(config.cert))],
  })
  .pipeline('https')
  .demuxHTTP('request')
  .pipeline('request')
  .muxHTTP('forward', () => _target)
  .pipeline('forward')
  .connect(() => _target)
  .pipeline('to-https')
  .connect('127.0.0.1:' + os.env.PORT_1)
)(JSON.decode(pipy.load('config/tls.json')))
