// handleMessageEnd(callback): calls back with each MessageEnd, then passes every event on unchanged (§4.3).

import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { isMessageEnd } from '../events.js';
import { need, fn } from '../args.js';

export class HandleMessageEnd extends Filter {
  readonly name = 'handleMessageEnd';

  constructor(private readonly cb: unknown) {
    super();
  }

  static create(args: unknown[]): HandleMessageEnd {
    need(args, 1);
    return new HandleMessageEnd(fn(args, 0));
  }

  clone(): HandleMessageEnd {
    return this.adopt(new HandleMessageEnd(this.cb));
  }

  protected process(evt: Event): void {
    if (isMessageEnd(evt) && this.callback(this.cb, [evt]) === Failed) return;
    this.output(evt);
  }
}
