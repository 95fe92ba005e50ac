// A masked text frame (built in the script) decodes to a message with head {opcode, masked}.
pipy()
  .listen(Number(os.env.PORT_1))
  .replaceData(() => new Data('818537fa213d7f9f4d5158', 'hex'))
  .decodeWebSocket()
  .replaceMessage(m => new Data(JSON.stringify(m.head) + ' ' + m.body.toString() + '\n'))
