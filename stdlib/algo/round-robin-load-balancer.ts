// algo.RoundRobinLoadBalancer: smooth weighted round robin (spec §3.12, test idea 81).
//
// Each select takes the eligible target with the lowest hits/weight; after as many selects as the
// eligible weights add up to, all hits go back to 0. In every such cycle each target is chosen
// exactly `weight` times, interleaved: `{a: 2, b: 1}` gives a, b, a, a, b, a, ...

import { HostClass, HostObject, bindHostClass, toString } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { WeightedTargets, readTargets, toWeight } from './weighted-targets.js';
import { requireArgs } from '../arguments.js';

export class RoundRobinLoadBalancer extends HostObject {
  /** Selections since the hits were last reset. */
  private count = 0;

  constructor(readonly targets: WeightedTargets) {
    super();
  }

  select(rt: Runtime): string | undefined {
    const eligible = this.targets.eligible(rt);
    const pick = WeightedTargets.lightest(eligible);
    if (!pick) return undefined;
    pick.hits++;
    const total = eligible.reduce((sum, t) => sum + t.weight, 0);
    if (++this.count >= total) this.resetCycle();
    return pick.name;
  }

  private resetCycle(): void {
    this.count = 0;
    for (const t of this.targets.list) t.hits = 0;
  }
}

export const RoundRobinLoadBalancerClass = new HostClass({
  name: 'RoundRobinLoadBalancer',
  tag: '[object pipy::algo::RoundRobinLoadBalancer]',
  construct: (args, rt) => new RoundRobinLoadBalancer(readTargets(args, rt)),
  methods: {
    set(self: RoundRobinLoadBalancer, args, rt) {
      requireArgs(args, 2);
      self.targets.set(toString(args[0], rt), toWeight(args[1], rt), rt);
    },
    select: (self: RoundRobinLoadBalancer, _args, rt) => self.select(rt),
    deselect: () => undefined,
  },
});
bindHostClass(RoundRobinLoadBalancer, RoundRobinLoadBalancerClass);
