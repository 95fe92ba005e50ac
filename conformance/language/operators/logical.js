// expect: value [0, "d", "d", "d"]
[0 ?? 'd', void 0 ?? 'd', 0 || 'd', 1 && 'd']
