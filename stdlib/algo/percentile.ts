// algo.Percentile: a histogram over fixed bucket limits that answers "which limit covers p% of the
// observations" (spec §3.12).
//
// Pipy 0.30 adds up the bucket limits instead of the counts when it calculates (a bug, quirk Q26);
// we add up the counts, which is what the class is for. Values above the last limit are dropped
// and do not count toward the total.

import { HostClass, HostObject, bindHostClass, toNumber, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { expectArray, requireArgs } from '../arguments.js';

export class Percentile extends HostObject {
  private readonly counts: number[];
  private total = 0;

  constructor(private readonly limits: number[]) {
    super();
    this.counts = limits.map(() => 0);
  }

  observe(x: number): void {
    const i = this.limits.findIndex((limit) => x <= limit);
    if (i < 0) return;
    this.counts[i]++;
    this.total++;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
  }

  calculate(p: number): number {
    if (!(p > 0)) return 0;
    const target = Math.floor((this.total * p) / 100);
    let sum = 0;
    for (let i = 0; i < this.limits.length; i++) {
      sum += this.counts[i];
      if (sum >= target) return this.limits[i];
    }
    return Infinity;
  }
}

function readLimits(args: unknown[], rt: Runtime): number[] {
  requireArgs(args, 1);
  const limits = expectArray(args[0], 0);
  rt.alloc(limits.length * 2 * cost.element);
  return Array.from(limits, (x) => toNumber(x, rt));
}

export const PercentileClass = new HostClass({
  name: 'Percentile',
  tag: '[object pipy::algo::Percentile]',
  construct: (args, rt) => new Percentile(readLimits(args, rt)),
  methods: {
    observe(self: Percentile, args, rt) {
      requireArgs(args, 1);
      self.observe(toNumber(args[0], rt));
    },
    reset: (self: Percentile) => self.reset(),
    calculate(self: Percentile, args, rt) {
      requireArgs(args, 1);
      return self.calculate(toNumber(args[0], rt));
    },
  },
});
bindHostClass(Percentile, PercentileClass);
