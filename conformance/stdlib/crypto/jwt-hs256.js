// expect: value [true, "pipy", true, false]
(t => [t.isValid, t.payload.sub, t.verify('secret'), t.verify('wrong')])(new crypto.JWT('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwaXB5In0.8nbxP2Iag6CAr6g2nFHf6xG_yRzXnyJpfg_XbklhoNA'))
