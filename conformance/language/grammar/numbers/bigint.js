// expect: rejected 2:1 BigInt literals
1n
