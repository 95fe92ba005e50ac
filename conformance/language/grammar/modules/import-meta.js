// expect: rejected 2:1 'import.meta'
import.meta
