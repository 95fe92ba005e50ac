// expect: rejected 2:1 'export' declarations
export default pipy()
