// Tutorial feature "plain proxy": every request arriving on PORT_1 is forwarded as it is to one
// upstream server, over connections that muxHTTP keeps open and shares. PORT_2 does the same towards a
// port where nobody listens (PORT_3), so the client sees how a failed upstream is reported.
pipy({
  _target: '',
})

  .listen(Number(os.env.PORT_1))
  .demuxHTTP('request')
  .pipeline('request')
  .handleMessageStart(
    () => _target = '127.0.0.1:' + os.env.PORT_BACKEND_1
  )
  .link('forward')

  .listen(Number(os.env.PORT_2))
  .demuxHTTP('request-to-nowhere')
  .pipeline('request-to-nowhere')
  .handleMessageStart(
    () => _target = '127.0.0.1:' + os.env.PORT_3
  )
  .link('forward')

  .pipeline('forward')
  .muxHTTP(
    'connection',
    () => _target
  )

  .pipeline('connection')
  .connect(
    () => _target
  )
