// expect: value [["db#1", "db#2"], true, true]
(n => (p => [[p.allocate('db'), p.allocate('db')], (r => (p.free(r), p.allocate('db') === r))('db#1'), p.allocate('db', 't1') === p.allocate('db', 't1')])(new algo.ResourcePool((pool, tenant) => pool + '#' + (++n))))(0)
