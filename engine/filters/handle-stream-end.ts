// handleStreamEnd(callback): calls back with the StreamEnd, then passes every event on unchanged (§4.3).

import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { isStreamEnd } from '../events.js';
import { need, fn } from '../args.js';

export class HandleStreamEnd extends Filter {
  readonly name = 'handleStreamEnd';

  constructor(private readonly cb: unknown) {
    super();
  }

  static create(args: unknown[]): HandleStreamEnd {
    need(args, 1);
    return new HandleStreamEnd(fn(args, 0));
  }

  clone(): HandleStreamEnd {
    return this.adopt(new HandleStreamEnd(this.cb));
  }

  protected process(evt: Event): void {
    if (isStreamEnd(evt) && this.callback(this.cb, [evt]) === Failed) return;
    this.output(evt);
  }
}
