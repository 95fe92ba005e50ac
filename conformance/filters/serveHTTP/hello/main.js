pipy()
  .listen(Number(os.env.PORT_1))
  .serveHTTP(new Message('Hi, there!\n'))
