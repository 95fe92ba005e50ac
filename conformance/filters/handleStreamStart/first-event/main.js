pipy()
  .listen(Number(os.env.PORT_1))
  .handleStreamStart(e => console.log('stream start', e instanceof Data, e.size))
