pipy()
  .pipeline('hello')
  .replaceMessage(msg => new Message('from ' + __filename.slice(1)))
