pipy()
  .listen(Number(os.env.PORT_1))
  .throttleConcurrency(1)
  .replaceData(d => new Data('in:' + d.toString()))
