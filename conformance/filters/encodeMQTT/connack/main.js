// A broker answer: CONNECT in, CONNACK out.
pipy()
  .listen(Number(os.env.PORT_1))
  .decodeMQTT()
  .replaceMessage(m => m.head.type === 'CONNECT' ? new Message({ type: 'CONNACK', sessionPresent: false, reasonCode: 0 }) : null)
  .encodeMQTT()
