// expect: value [1, 2]
JSON.decode(new Data('{"a":[1,2]}')).a
