// Last in the chain: whatever reaches it had no handler.
pipy()

  .import({
    __handledBy: 'plugins',
  })

  .pipeline('request')
  .handleMessageStart(
    () => __handledBy = 'not-found'
  )
  .replaceMessage(
    new Message({ status: 404 }, 'No handler found\n')
  )
