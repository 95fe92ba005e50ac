// expect: value ["68c3a9213f", "aMOpIT8=", "aMOpIT8", 5]
(d => [d.toString('hex'), d.toString('base64'), d.toString('base64url'), d.size])(new Data('hé!?'))
