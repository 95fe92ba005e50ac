// Bodies past 16 bytes go through a file and come back whole, in order.
pipy()
  .listen(Number(os.env.PORT_1))
  .demuxHTTP('request')
  .pipeline('request')
  .depositMessage(() => '/tmp/pipy-deposit-' + os.env.PORT_1 + '.tmp', { threshold: 16 })
  .replaceMessage(m => new Message('size=' + m.body.size + ' ' + m.body.toString().slice(-4)))
