// expect: value [true, null]
[(b => b.select('k') === b.select('k'))(new algo.HashingLoadBalancer(['a', 'b', 'c'])), new algo.HashingLoadBalancer([]).select('k') ?? null]
