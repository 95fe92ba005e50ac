// algo.HashingLoadBalancer: `select(key)` → `targets[hash(key) % n]` (spec §3.12, test idea 83).
//
// The same key always lands on the same target while the list is unchanged, across restarts too,
// because algo.hash is stable. An unhealthy pick gives undefined rather than another target, as
// in Pipy: moving the key elsewhere would break the stickiness callers rely on.

import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { Cache, CacheClass } from './cache.js';
import { hashValue } from './hash.js';
import { expectArray, isMissing, optionalInstance, requireArgs } from '../arguments.js';

export class HashingLoadBalancer extends HostObject {
  constructor(
    private readonly targets: unknown[],
    private readonly unhealthy: Cache | null,
  ) {
    super();
  }

  add(target: unknown, rt: Runtime): void {
    rt.alloc(cost.element);
    this.targets.push(target);
  }

  select(key: unknown): unknown {
    const n = this.targets.length;
    if (n === 0) return undefined;
    const target = this.targets[hashValue(key) % n];
    return this.unhealthy?.holdsTruthy(target) ? undefined : target;
  }
}

function readTargetArray(v: unknown, rt: Runtime): unknown[] {
  if (isMissing(v)) return [];
  const targets = expectArray(v, 0);
  rt.alloc(targets.length * cost.element);
  return targets.filter((_x, i) => i in targets);
}

export const HashingLoadBalancerClass = new HostClass({
  name: 'HashingLoadBalancer',
  tag: '[object pipy::algo::HashingLoadBalancer]',
  construct(args, rt) {
    const unhealthy = optionalInstance<Cache>(args, 1, CacheClass, 'pipy::algo::Cache');
    return new HashingLoadBalancer(readTargetArray(args[0], rt), unhealthy);
  },
  methods: {
    add(self: HashingLoadBalancer, args, rt) {
      requireArgs(args, 1);
      self.add(args[0], rt);
    },
    select: (self: HashingLoadBalancer, args) => self.select(args[0]),
    deselect: () => undefined,
  },
});
bindHostClass(HashingLoadBalancer, HashingLoadBalancerClass);
