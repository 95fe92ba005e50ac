// expect: value ["\n", "A", "😀", 1]
['\n', '\x41', '\uD83D\uDE00', '\u{43}'.length]
