// expect: value [null, null, 3, 2, null]
[null?.b ?? null, ({f: null}).f?.() ?? null, ({f: x => x}).f?.(3), [1, 2]?.[1], null?.x.y.z ?? null]
