pipy()
  .listen(Number(os.env.PORT_1))
  .connect(() => '127.0.0.1:' + os.env.PORT_BACKEND_1)
