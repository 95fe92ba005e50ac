// Answers GET /hello by itself and stops the chain there.
pipy({
  _hello: false,
})

  .import({
    __turnDown: 'main',
  })

  .export('plugins', {
    __handledBy: '',
  })

  .pipeline('request')
  .handleMessageStart(
    msg => (
      _hello = (msg.head.method === 'GET' && msg.head.path === '/hello'),
      _hello && (__turnDown = true, __handledBy = 'hello')
    )
  )
  .link(
    'say-hello', () => _hello,
    ''
  )

  .pipeline('say-hello')
  .replaceMessage(
    new Message('Hello from a plugin!\n')
  )
