// acceptTLS decrypts into a serveHTTP; PORT_2 is a plain entry that reaches it through connectTLS
// (the runner has no TLS client of its own).
pipy()
  .listen(Number(os.env.PORT_1))
  .acceptTLS('https', { certificate: {
      cert: new crypto.Certificate(pipy.load('secret/server-cert.pem')),
      key: new crypto.PrivateKey(pipy.load('secret/server-key.pem')),
    } })
  .listen(Number(os.env.PORT_2))
  .connectTLS('tls', { trusted: [new crypto.Certificate(pipy.load('secret/server-cert.pem'))] })
  .pipeline('https')
  .serveHTTP(new Message('secure hello\n'))
  .pipeline('tls')
  .connect('127.0.0.1:' + os.env.PORT_1)
