// expect: rejected 2:3 private names
o.#x
