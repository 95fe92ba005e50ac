// expect: value ["hel", "l", "o"]
(d => [d.shiftTo(c => c === 108).toString(), d.shiftWhile(c => c === 108).toString(), d.toString()])(new Data('hello'))
