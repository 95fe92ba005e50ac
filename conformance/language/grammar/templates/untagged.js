// expect: accepted
`a${b}c${`nested ${d}`}`
