// expect: value [true, false]
(s => [s.isDirectory(), s.isFile()])(os.stat('.'))
