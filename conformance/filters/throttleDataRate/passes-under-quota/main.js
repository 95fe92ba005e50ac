pipy()
  .listen(Number(os.env.PORT_1))
  .throttleDataRate('10k')
