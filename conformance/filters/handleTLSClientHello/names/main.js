// handleTLSClientHello sees the SNI names and ALPN protocols of the ClientHello that passes by.
pipy()
  .listen(Number(os.env.PORT_1))
  .connectTLS('tls', { sni: 'hello.example.test', alpn: ['x-one', 'x-two'] })
  .listen(Number(os.env.PORT_2))
  .handleTLSClientHello(hello => console.log('client hello ' + JSON.stringify(hello)))
  .acceptTLS('https', { certificate: {
      cert: new crypto.Certificate(pipy.load('secret/server-cert.pem')),
      key: new crypto.PrivateKey(pipy.load('secret/server-key.pem')),
    } })
  .pipeline('tls')
  .connect('127.0.0.1:' + os.env.PORT_2)
  .pipeline('https')
  .serveHTTP(new Message('ok\n'))
