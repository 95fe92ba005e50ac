// expect: error ReferenceError: process is not defined
process
