// Tutorial feature "static files": files under www/ served with their content type, a directory
// answered by its index.html, and precompressed `.gz` twins chosen by accept-encoding.
pipy()
  .listen(Number(os.env.PORT_1))
  .serveHTTP(
    msg => (
      http.File.from('/www' + msg.head.path)?.toMessage(msg.head.headers['accept-encoding']) ??
      new Message({ status: 404 }, 'Not Found\n')
    )
  )
