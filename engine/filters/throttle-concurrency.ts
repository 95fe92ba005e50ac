// throttleConcurrency(quota, [account]): at most `quota` streams at a time per bucket. A stream takes
// one token on its first event and keeps it for its lifetime; the token returns when the pipeline is
// recycled, waking the next waiting stream (§4.5).

import type { Event } from '../events.js';
import { Throttle, throttleArgs, numericQuota } from './throttle.js';

export class ThrottleConcurrency extends Throttle {
  readonly name = 'throttleConcurrency';
  protected readonly refills = false;
  private holding = false;

  static create(args: unknown[]): ThrottleConcurrency {
    return new ThrottleConcurrency(...throttleArgs(args));
  }

  clone(): ThrottleConcurrency {
    return this.shareBuckets(this.adopt(new ThrottleConcurrency(this.quota, this.account)));
  }

  protected parseQuota(v: unknown): number {
    return numericQuota(v, false);
  }

  protected admit(queue: Event[]): Event | null {
    if (!this.holding) this.holding = this.bucket!.take(1) === 1;
    return this.holding ? queue.shift()! : null;
  }

  protected override release(): void {
    if (!this.holding) return;
    this.holding = false;
    this.bucket!.give(1);
  }
}
