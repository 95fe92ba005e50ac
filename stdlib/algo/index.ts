// The `algo` global: selection and bookkeeping algorithms with no I/O (spec §3.12).
// This list is the namespace's table of contents; each member lives in the file named after it.

import { Namespace } from '../../interpreter/index.js';
import { CacheClass } from './cache.js';
import { URLRouterClass } from './url-router.js';
import { HashingLoadBalancerClass } from './hashing-load-balancer.js';
import { RoundRobinLoadBalancerClass } from './round-robin-load-balancer.js';
import { LeastWorkLoadBalancerClass } from './least-work-load-balancer.js';
import { ResourcePoolClass } from './resource-pool.js';
import { PercentileClass } from './percentile.js';
import { hash } from './hash.js';

export function algoNamespace(): Namespace {
  return new Namespace('algo', {
    Cache: CacheClass,
    URLRouter: URLRouterClass,
    HashingLoadBalancer: HashingLoadBalancerClass,
    RoundRobinLoadBalancer: RoundRobinLoadBalancerClass,
    LeastWorkLoadBalancer: LeastWorkLoadBalancerClass,
    ResourcePool: ResourcePoolClass,
    Percentile: PercentileClass,
    hash,
  });
}

export { Cache, CacheClass } from './cache.js';
export { URLRouter, URLRouterClass } from './url-router.js';
export { HashingLoadBalancer, HashingLoadBalancerClass } from './hashing-load-balancer.js';
export { RoundRobinLoadBalancer, RoundRobinLoadBalancerClass } from './round-robin-load-balancer.js';
export { LeastWorkLoadBalancer, LeastWorkLoadBalancerClass } from './least-work-load-balancer.js';
export { ResourcePool, ResourcePoolClass } from './resource-pool.js';
export { Percentile, PercentileClass } from './percentile.js';
export { hash, hashValue } from './hash.js';
