// A Dubbo request frame (built in the script) decodes to {id, status, isRequest, isTwoWay, isEvent}.
pipy()
  .listen(Number(os.env.PORT_1))
  .replaceData(() => new Data('dabbc200000000000000002a000000026869', 'hex'))
  .decodeDubbo()
  .replaceMessage(m => new Data(JSON.stringify(m.head) + ' ' + m.body.toString() + '\n'))
