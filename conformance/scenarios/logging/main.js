// Tutorial feature "logging": every request and its response become one JSON line; `fork` copies
// each response into the logging branch, `merge` funnels all connections into one sender, and
// `pack(1000, {timeout})` batches lines so that a quiet period still flushes them to the log
// collector as one POST. The collector here is PORT_2 of the same script, which logs each batch.
pipy({
  _target: '127.0.0.1:' + os.env.PORT_BACKEND_1,
  _collector: '127.0.0.1:' + os.env.PORT_2,
  _request: null,
})
  .listen(Number(os.env.PORT_1))
  .demuxHTTP('request')
  .pipeline('request')
  .handleMessage(msg => _request = { method: msg.head.method, path: msg.head.path })
  .muxHTTP('forward', () => _target)
  .fork('log')
  .pipeline('forward')
  .connect(() => _target)
  .pipeline('log')
  .replaceMessage(
    msg => new Message(JSON.stringify({ request: _request, response: { status: msg.head.status, body: msg.body.toString() } }) + '\n')
  )
  .merge('log-send', '')
  .pipeline('log-send')
  .pack(1000, { timeout: 0.5 })
  .replaceMessageStart(() => new MessageStart({ method: 'POST', path: '/log', headers: { 'content-type': 'application/x-ndjson' } }))
  .muxHTTP('log-connection', '')
  .pipeline('log-connection')
  .connect(() => _collector)
  .listen(Number(os.env.PORT_2))
  .demuxHTTP('collect')
  .pipeline('collect')
  .handleMessage(msg => console.log('collected: ' + msg.body.toString().split('\n').join(' | ')))
  .replaceMessage(new Message('OK\n'))
