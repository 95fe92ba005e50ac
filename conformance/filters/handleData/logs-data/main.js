pipy()
  .listen(Number(os.env.PORT_1))
  .handleData(d => console.log('data', d.toString()))
