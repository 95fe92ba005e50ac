// A one-byte length prefix: read that many bytes into a Data, output it as a message.
pipy()
  .listen(Number(os.env.PORT_1))
  .deframe({
    len: b => ['body', b, new Data],
    body: buf => [new Message(buf), 'len'],
  })
  .replaceMessage(m => new Data('<' + m.body.toString() + '>'))
