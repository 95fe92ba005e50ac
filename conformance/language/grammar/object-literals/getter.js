// expect: rejected 2:4 getters
({ get a() { return 1 } })
