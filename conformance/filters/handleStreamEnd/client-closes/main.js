pipy()
  .listen(Number(os.env.PORT_1))
  .handleStreamEnd(e => console.log('stream end [' + e.error + ']'))
