// demuxHTTP takes HTTP/2 with prior knowledge (spec §5.6): the connection preface switches the
// connection, each stream is one request (head mapped to method/scheme/authority/path), and plain
// HTTP/1.1 still works on the same port.
pipy()
  .listen(Number(os.env.PORT_1))
  .demuxHTTP('req')
  .pipeline('req')
  .replaceMessage(msg => new Message(
    'h2 ' + msg.head.method + ' ' + msg.head.scheme + ' ' + msg.head.authority + ' ' + msg.head.path +
    ' host=' + msg.head.headers.host + ' x-case=' + msg.head.headers['x-case'] + ' protocol=' + msg.head.protocol + ';'
  ))
