// expect: accepted
(a(), b())
