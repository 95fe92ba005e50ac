pipy()
  .listen(Number(os.env.PORT_1))
  .dummy()
