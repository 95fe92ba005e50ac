// The target list shared by RoundRobinLoadBalancer and LeastWorkLoadBalancer: names with integer
// weights and hit counters, in insertion order, plus the optional cache of unhealthy targets.
//
// Both balancers pick "the eligible target with the lowest hits/weight, the first one on a tie";
// Pipy breaks ties by string address, which is arbitrary, so insertion order is as good and is
// deterministic.

import { toNumber, toString, ownKeys, getOwn, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { Cache, CacheClass } from './cache.js';
import { expectObject, isMissing, optionalInstance } from '../arguments.js';

export interface Target {
  name: string;
  weight: number;
  hits: number;
}

/** Weights are ToNumber'd and cut to integers; negatives and NaN mean 0 (disabled). */
export function toWeight(v: unknown, rt: Runtime): number {
  const n = Math.trunc(toNumber(v, rt));
  return n > 0 ? n : 0;
}

export class WeightedTargets {
  readonly list: Target[] = [];

  constructor(private readonly unhealthy: Cache | null) {}

  set(name: string, weight: number, rt: Runtime): void {
    const t = this.find(name);
    if (t) {
      t.weight = weight;
      return;
    }
    rt.alloc(cost.object);
    this.list.push({ name, weight, hits: 0 });
  }

  find(name: string): Target | undefined {
    return this.list.find((x) => x.name === name);
  }

  eligible(rt: Runtime): Target[] {
    rt.charge(this.list.length);
    return this.list.filter((t) => t.weight > 0 && !this.unhealthy?.holdsTruthy(t.name));
  }

  /** The eligible target with the lowest hits/weight (compared without division). */
  static lightest(targets: Target[]): Target | undefined {
    let best: Target | undefined;
    for (const t of targets) {
      if (!best || t.hits * best.weight < best.hits * t.weight) best = t;
    }
    return best;
  }
}

/** `(targets?, unhealthyCache?)`: an array of names (weight 1) or an object `{name: weight}`. */
export function readTargets(args: unknown[], rt: Runtime): WeightedTargets {
  const targets = new WeightedTargets(optionalInstance<Cache>(args, 1, CacheClass, 'pipy::algo::Cache'));
  const spec = args[0];
  if (isMissing(spec)) return targets;
  if (Array.isArray(spec)) {
    for (const name of spec) targets.set(toString(name, rt), 1, rt);
  } else {
    for (const name of ownKeys(expectObject(spec, 0))) targets.set(name, toWeight(getOwn(spec, name), rt), rt);
  }
  return targets;
}
