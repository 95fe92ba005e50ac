// expect: rejected 1:1 empty script
// nothing else
