// throttleDataRate(quota, [account]): at most `quota` bytes a second per bucket ('10k' allowed).
// Each byte takes a token; a Data bigger than what is left is split, the rest waits (§4.5).

import type { Event } from '../events.js';
import { isData, bufferOf, makeData } from '../events.js';
import { Throttle, throttleArgs, numericQuota } from './throttle.js';

export class ThrottleDataRate extends Throttle {
  readonly name = 'throttleDataRate';
  protected readonly refills = true;

  static create(args: unknown[]): ThrottleDataRate {
    return new ThrottleDataRate(...throttleArgs(args));
  }

  clone(): ThrottleDataRate {
    return this.shareBuckets(this.adopt(new ThrottleDataRate(this.quota, this.account)));
  }

  protected parseQuota(v: unknown): number {
    return numericQuota(v, true);
  }

  protected admit(queue: Event[]): Event | null {
    const e = queue[0];
    if (!isData(e)) return queue.shift()!;
    const buf = bufferOf(e);
    const got = this.bucket!.take(buf.length);
    if (got === buf.length) return queue.shift()!;
    if (got === 0) return null;
    queue[0] = makeData(buf.subarray(got));
    return makeData(buf.subarray(0, got));
  }
}
