pipy()
  .read('input.txt')
  .replaceStreamEnd(() => [new Data('goodbye\n'), new StreamEnd])
  .print()
