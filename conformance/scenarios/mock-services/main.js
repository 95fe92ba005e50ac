pipy()

  .listen({{PORT_1}})
  .serveHTTP(
    new Message('Hi, there!\n')
  )

  .listen({{PORT_2}})
  .serveHTTP(
    msg => new Message(msg.body)
  )

  .listen({{PORT_3}})
  .serveHTTP(
    msg => new Message(
      `You are requesting ${msg.head.path} from ${__inbound.remoteAddress}\n`
    )
  )
