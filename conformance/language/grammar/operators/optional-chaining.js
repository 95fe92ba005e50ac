// expect: accepted
a?.b?.[c]?.(d)
