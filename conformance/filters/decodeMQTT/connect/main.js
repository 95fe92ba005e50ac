// An MQTT 3.1.1 CONNECT decodes to a head describing it.
pipy()
  .listen(Number(os.env.PORT_1))
  .decodeMQTT()
  .replaceMessage(m => new Data(m.head.type + ' ' + m.head.protocolLevel + ' ' + m.head.clientID + ' ' + m.head.keepAlive + '\n'))
