// expect: accepted
pipy({ _target: '' })
  .listen(8080)
  .demuxHTTP('request')
  .pipeline('request')
  .handleMessageStart(msg => (_target = `${msg.head.headers.host}`, console.log(msg.head.path)))
  .muxHTTP('connection', () => _target)
