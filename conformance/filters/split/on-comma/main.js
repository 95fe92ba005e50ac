pipy()
  .listen(Number(os.env.PORT_1))
  .split(c => c === 44 ? new MessageEnd : undefined)
  .dump()
