// throttleMessageRate(quota, [account]): at most `quota` messages a second per bucket; each
// MessageStart takes a token, everything behind it waits with it (§4.5).

import type { Event } from '../events.js';
import { isMessageStart } from '../events.js';
import { Throttle, throttleArgs, numericQuota } from './throttle.js';

export class ThrottleMessageRate extends Throttle {
  readonly name = 'throttleMessageRate';
  protected readonly refills = true;

  static create(args: unknown[]): ThrottleMessageRate {
    return new ThrottleMessageRate(...throttleArgs(args));
  }

  clone(): ThrottleMessageRate {
    return this.shareBuckets(this.adopt(new ThrottleMessageRate(this.quota, this.account)));
  }

  protected parseQuota(v: unknown): number {
    return numericQuota(v, false);
  }

  protected admit(queue: Event[]): Event | null {
    if (isMessageStart(queue[0]) && this.bucket!.take(1) < 1) return null;
    return queue.shift()!;
  }
}
