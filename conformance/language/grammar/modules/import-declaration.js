// expect: rejected 2:1 'import' declarations
import x from './x.js'
