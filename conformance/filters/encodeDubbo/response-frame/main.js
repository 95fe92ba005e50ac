// encodeDubbo writes the 16-byte header from the head argument, then the body.
pipy()
  .listen(Number(os.env.PORT_1))
  .replaceData(d => new Message(d))
  .encodeDubbo({ id: 7, status: 20, isRequest: false, isTwoWay: false })
  .replaceData(d => new Data(d.toString('hex') + '\n'))
