// expect: value null
({}).__proto__ ?? null
