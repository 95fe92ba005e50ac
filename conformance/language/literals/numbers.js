// expect: value 68
0x1F + 0o17 + 0b101 + 17
