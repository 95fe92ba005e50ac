// expect: value [5, 1, 9]
((u, a, b) => [(u ??= 5, u), (a ||= 9, a), (b &&= 9, b)])(undefined, 1, 1)
