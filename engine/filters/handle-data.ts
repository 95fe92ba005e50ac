// handleData(callback): calls back with each non-empty Data, then passes every event on unchanged (§4.3).

import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isFlush } from '../events.js';
import { need, fn } from '../args.js';

export class HandleData extends Filter {
  readonly name = 'handleData';

  constructor(private readonly cb: unknown) {
    super();
  }

  static create(args: unknown[]): HandleData {
    need(args, 1);
    return new HandleData(fn(args, 0));
  }

  clone(): HandleData {
    return this.adopt(new HandleData(this.cb));
  }

  protected process(evt: Event): void {
    if (isData(evt) && !isFlush(evt) && this.callback(this.cb, [evt]) === Failed) return;
    this.output(evt);
  }
}
