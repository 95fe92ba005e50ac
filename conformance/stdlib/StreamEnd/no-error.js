// expect: value ["", "", ""]
[new StreamEnd().error, new StreamEnd(null).error, new StreamEnd('').error]
