// expect: rejected 2:1 class declarations
class A {}
