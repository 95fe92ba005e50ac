// expect: rejected 2:1 leading-zero number literals (017)
017
