// First in the chain, with only a 'response' layout: every answer, whichever plugin made it, leaves
// with the name of the plugin that handled the request. (A response made by `new Message(body)` has
// no head at all, hence the `|| {}`.)
pipy()

  .import({
    __handledBy: 'plugins',
  })

  .pipeline('response')
  .replaceMessageStart(
    evt => new MessageStart({
      ...(evt.head || {}),
      headers: { ...((evt.head || {}).headers || {}), 'x-handled-by': __handledBy || 'nobody' },
    })
  )
