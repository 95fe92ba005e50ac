// expect: accepted
(a **= 2, b &&= 1, c ||= 2, d ??= 3)
