// expect: value [86400000, 1000, 2021]
[new Date(86400000).getTime(), new Date(1000) - new Date(0), (d => (d.setMonth(13), d.getFullYear()))(new Date(2020, 0, 1))]
