// merge(target, key, [options]): like muxQueue, a copy of each message goes into the session shared
// by all streams with an equal key, but the originals pass on unchanged and whatever the session
// outputs is discarded (§4.1). Drawn as a fork in graphs.

import type { Event } from '../events.js';
import { cloneEvent } from '../events.js';
import { need, str } from '../args.js';
import { QueueClient, maxIdleOption } from './mux-queue.js';

export class Merge extends QueueClient {
  readonly name = 'merge';

  static create(args: unknown[]): Merge {
    need(args, 2);
    return new Merge(str(args, 0), args[1], maxIdleOption(args, 2));
  }

  clone(): Merge {
    return this.share(this.adopt(new Merge(this.target, this.key, this.maxIdle)));
  }

  protected process(evt: Event): void {
    this.collect(evt, cloneEvent(evt), null);
    this.output(evt);
  }

  override deliver(): void {}
}
