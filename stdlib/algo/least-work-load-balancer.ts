// algo.LeastWorkLoadBalancer: picks the eligible target with the least outstanding work per unit
// of weight (spec §3.12, test idea 82). `select` adds one unit of work, `deselect` takes one away;
// unlike round robin there is no periodic reset, the counts track work in progress.

import { HostClass, HostObject, bindHostClass, toString } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { WeightedTargets, readTargets, toWeight } from './weighted-targets.js';
import { requireArgs } from '../arguments.js';

export class LeastWorkLoadBalancer extends HostObject {
  constructor(readonly targets: WeightedTargets) {
    super();
  }

  select(rt: Runtime): string | undefined {
    const pick = WeightedTargets.lightest(this.targets.eligible(rt));
    if (!pick) return undefined;
    pick.hits++;
    return pick.name;
  }

  deselect(name: string): void {
    const t = this.targets.find(name);
    if (t && t.hits > 0) t.hits--;
  }
}

export const LeastWorkLoadBalancerClass = new HostClass({
  name: 'LeastWorkLoadBalancer',
  tag: '[object pipy::algo::LeastWorkLoadBalancer]',
  construct: (args, rt) => new LeastWorkLoadBalancer(readTargets(args, rt)),
  methods: {
    set(self: LeastWorkLoadBalancer, args, rt) {
      requireArgs(args, 2);
      self.targets.set(toString(args[0], rt), toWeight(args[1], rt), rt);
    },
    select: (self: LeastWorkLoadBalancer, _args, rt) => self.select(rt),
    deselect(self: LeastWorkLoadBalancer, args, rt) {
      requireArgs(args, 1);
      self.deselect(toString(args[0], rt));
    },
  },
});
bindHostClass(LeastWorkLoadBalancer, LeastWorkLoadBalancerClass);
