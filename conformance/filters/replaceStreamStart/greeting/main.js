pipy()
  .listen(Number(os.env.PORT_1))
  .replaceStreamStart(evt => [new Data('greeting\n'), evt])
