// expect: rejected 2:1 'try' statements
try { f() } catch (e) { g() }
