// expect: value [255, 128]
(a => (new Data([0xff, 0x80]).shiftWhile(c => (a.push(c), true)), a))([])
