// expect: rejected 2:7 ';' is not supported
pipy();
