// expect: accepted
[0x1F, 0o17, 0b101, 1e3, .5]
