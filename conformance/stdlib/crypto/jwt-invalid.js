// expect: value [false, false]
(t => [t.isValid, t.verify('secret')])(new crypto.JWT('not.a-token'))
