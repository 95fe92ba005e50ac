// SOCKS4 CONNECT: onConnect sees host, port and user id; the script sends the tunnel to the backend.
pipy()
  .listen(Number(os.env.PORT_1))
  .acceptSOCKS('tunnel', (host, port, id) => (console.log('socks', host, port, id), true))
  .pipeline('tunnel')
  .connect('127.0.0.1:' + os.env.PORT_BACKEND_1)
