// demuxHTTP answers `upgrade: h2c` with 101 and speaks HTTP/2 (spec §5.6, §12 case 29); the
// upgrading request is answered on stream 1.
pipy()
  .listen(Number(os.env.PORT_1))
  .demuxHTTP('req')
  .pipeline('req')
  .replaceMessage(msg => new Message('upgraded ' + msg.head.path + ' ' + msg.head.scheme + ';'))
