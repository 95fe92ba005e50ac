// expect: rejected 2:1 dynamic import()
import('./x.js')
