// The first bytes of an HTTP request are recognised before they are passed on.
pipy({ _proto: undefined })
  .listen(Number(os.env.PORT_1))
  .detectProtocol(p => _proto = p)
  .replaceData(() => new Data('proto=' + _proto + ';'))
