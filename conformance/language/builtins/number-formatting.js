// expect: value ["2.00", "1.23e+3", "0.3", "ff"]
[(2).toFixed(2), (1234.5678).toExponential(2), String(0.1 + 0.2).slice(0, 3), (255).toString(16)]
