// expect: value "a2bcd"
`a${1+1}b${`c${'d'}`}`
