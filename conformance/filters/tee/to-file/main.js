pipy()
  .listen(Number(os.env.PORT_1))
  .tee('out.txt')
  .handleStreamEnd(() => console.log('file has', os.readFile('out.txt').toString()))
