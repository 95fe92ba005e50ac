pipy()

  .listen({{PORT_2}})
  .serveHTTP(
    new Message('Hi, there!\n')
  )

  .listen({{PORT_3}})
  .serveHTTP(
    msg => new Message(msg.body)
  )

  .listen({{PORT_4}})
  .serveHTTP(
    msg => new Message(
      `You are requesting ${msg.head.path} from ${__inbound.remoteAddress}\n`
    )
  )
