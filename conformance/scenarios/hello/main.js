pipy()
  .listen({{PORT_1}})
  .serveHTTP(
    new Message('Hi, there!\n')
  )
