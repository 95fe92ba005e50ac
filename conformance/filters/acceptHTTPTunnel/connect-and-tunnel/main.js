// A CONNECT answered 200 opens a raw tunnel to the backend; the request after it goes through.
pipy({ _target: '' })
  .listen(Number(os.env.PORT_1))
  .demuxHTTP('request')
  .pipeline('request')
  .acceptHTTPTunnel('tunnel', msg => (_target = msg.head.path, new Message({ status: 200 })))
  .pipeline('tunnel')
  .connect(() => _target)
