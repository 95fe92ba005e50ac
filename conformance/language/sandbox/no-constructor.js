// expect: value [null, null, null]
[({}).constructor ?? null, [].constructor ?? null, (x => x).constructor ?? null]
