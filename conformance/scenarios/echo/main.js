// Tutorial feature "echo": three small HTTP services side by side. PORT_1 greets, PORT_2 sends back
// whatever body it received, PORT_3 tells the client what it asked for and where it came from.
pipy()

  .listen(Number(os.env.PORT_1))
  .serveHTTP(
    new Message('Hi, there!\n')
  )

  .listen(Number(os.env.PORT_2))
  .serveHTTP(
    msg => new Message(
      { headers: { 'content-type': msg.head.headers['content-type'] || 'application/octet-stream' } },
      msg.body
    )
  )

  .listen(Number(os.env.PORT_3))
  .serveHTTP(
    msg => new Message(
      `${msg.head.method} ${msg.head.path} from ${__inbound.remoteAddress}\n`
    )
  )
