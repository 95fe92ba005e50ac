// expect: error Error: incomplete Base64 string
new Data('aGk', 'base64')
