// expect: value ["undefined", "xyz", true]
[typeof new Data([0xff]).toString(), 'x' + new Data('yz'), new Data('ab') == 'ab']
