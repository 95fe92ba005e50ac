// expect: value [null, null]
[new stats.Counter('c').withLabels('x'), new stats.Counter('d', ['l']).withLabels('x').withLabels('y')]
