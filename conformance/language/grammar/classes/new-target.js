// expect: rejected 2:17 'new.target'
f(function () { new.target })
