// muxHTTP(…, {version: 2}) speaks HTTP/2 to an HTTP/2-capable demuxHTTP upstream (spec §5.6, §12
// case 30): the HTTP/1 client gets an HTTP/1.1 response with content-length, request bodies go
// through, and requests share the one upstream session.
pipy()
  .listen(Number(os.env.PORT_1))
  .demuxHTTP('req')
  .pipeline('req')
  .muxHTTP('conn', '', { version: 2 })
  .pipeline('conn')
  .connect(() => '127.0.0.1:' + os.env.PORT_2)

  .listen(Number(os.env.PORT_2))
  .demuxHTTP('upstream')
  .pipeline('upstream')
  .replaceMessage(msg => new Message(
    { headers: { 'x-up': 'yes' } },
    'up ' + msg.head.method + ' ' + msg.head.path + ' ' + msg.head.authority + ' ' + msg.head.protocol + ' ' + msg.body.toString()
  ))
