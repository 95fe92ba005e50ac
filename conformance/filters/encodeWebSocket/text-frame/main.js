// A message with opcode 1 encodes to one unmasked FIN text frame.
pipy()
  .listen(Number(os.env.PORT_1))
  .replaceData(() => new Message({ opcode: 1 }, 'hello'))
  .encodeWebSocket()
