// expect: value ["api", "api", "exact", "root", "root"]
(r => [r.find('/api'), r.find('/api/v1/x'), r.find('/exact'), r.find('/exact/sub'), r.find('/other')])(new algo.URLRouter({'/api/*': 'api', '/static/*': 'static', '/exact': 'exact', '/*': 'root'}))
