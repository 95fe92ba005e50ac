// Fixed answers for the paths listed in config/canned.json.
(config =>

  pipy({
    _answer: null,
  })

  .import({
    __turnDown: 'gateway',
  })

  .pipeline('request')
  .handleMessageStart(
    msg => (
      _answer = config.answers[msg.head.path] || null,
      _answer && (__turnDown = true)
    )
  )
  .link(
    'answer', () => Boolean(_answer),
    ''
  )

  .pipeline('answer')
  .replaceMessage(
    () => new Message(
      { status: _answer.status, headers: _answer.headers },
      _answer.body
    )
  )

)(JSON.decode(pipy.load('config/canned.json')))
