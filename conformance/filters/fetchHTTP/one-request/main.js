// fetchHTTP sends the request over its own connection and returns the response.
pipy()
  .listen(Number(os.env.PORT_1))
  .demuxHTTP('request')
  .pipeline('request')
  .fetchHTTP('upstream')
  .pipeline('upstream')
  .connect('127.0.0.1:' + os.env.PORT_BACKEND_1)
