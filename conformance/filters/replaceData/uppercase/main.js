pipy()
  .listen(Number(os.env.PORT_1))
  .replaceData(d => new Data(d.toString().toUpperCase()))
