// handleMessageStart(callback): calls back with each MessageStart, then passes every event on unchanged (§4.3).

import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { isMessageStart } from '../events.js';
import { need, fn } from '../args.js';

export class HandleMessageStart extends Filter {
  readonly name = 'handleMessageStart';

  constructor(private readonly cb: unknown) {
    super();
  }

  static create(args: unknown[]): HandleMessageStart {
    need(args, 1);
    return new HandleMessageStart(fn(args, 0));
  }

  clone(): HandleMessageStart {
    return this.adopt(new HandleMessageStart(this.cb));
  }

  protected process(evt: Event): void {
    if (isMessageStart(evt) && this.callback(this.cb, [evt]) === Failed) return;
    this.output(evt);
  }
}
