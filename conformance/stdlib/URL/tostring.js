// expect: value "[object pipy::URL]"
'' + new URL('http://h/')
