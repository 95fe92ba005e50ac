// Tutorial feature "body transformation": a proxy that turns JSON request bodies into XML before
// forwarding them. The backend echoes, so the client sees what the upstream received.
(($) => (
  $.toXML = (name, v) => new XML.Node(name, null,
    Array.isArray(v) ? v.map(x => $.toXML('item', x)) :
    typeof v === 'object' && v !== null ? Object.entries(v).map(([k, x]) => $.toXML(k, x)) :
    [String(v)]
  ),
  pipy({ _target: '127.0.0.1:' + os.env.PORT_BACKEND_1 })
    .listen(Number(os.env.PORT_1))
    .demuxHTTP('request')
    .pipeline('request')
    .replaceMessage(
      msg => msg.head.headers['content-type'] === 'application/json' ? new Message(
        { ...msg.head, headers: { ...msg.head.headers, 'content-type': 'application/xml' } },
        XML.encode(new XML.Node('', null, [$.toXML('root', JSON.decode(msg.body))]))
      ) : msg
    )
    .muxHTTP('forward', () => _target)
    .pipeline('forward')
    .connect(() => _target)
))({})
