// connectTLS sends the SNI name and ALPN protocol it is given; the server side shows what it got.
pipy({ _sni: '' })
  .listen(Number(os.env.PORT_1))
  .connectTLS('tls', { sni: () => 'api.example.test', alpn: 'http/1.1' })
  .listen(Number(os.env.PORT_2))
  .acceptTLS('https', { certificate: sni => (_sni = sni, {
      cert: new crypto.Certificate(pipy.load('secret/server-cert.pem')),
      key: new crypto.PrivateKey(pipy.load('secret/server-key.pem')),
    }), alpn: ['http/1.1'] })
  .pipeline('tls')
  .connect('127.0.0.1:' + os.env.PORT_2)
  .pipeline('https')
  .serveHTTP(() => new Message('sni=' + _sni + '\n'))
