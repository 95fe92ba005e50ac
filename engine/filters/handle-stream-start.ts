// handleStreamStart(callback): calls back with the first event of the stream, then passes everything on (§4.3).

import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { need, fn } from '../args.js';

export class HandleStreamStart extends Filter {
  readonly name = 'handleStreamStart';
  private started = false;

  constructor(private readonly cb: unknown) {
    super();
  }

  static create(args: unknown[]): HandleStreamStart {
    need(args, 1);
    return new HandleStreamStart(fn(args, 0));
  }

  clone(): HandleStreamStart {
    return this.adopt(new HandleStreamStart(this.cb));
  }

  override reset(): void {
    super.reset();
    this.started = false;
  }

  protected process(evt: Event): void {
    if (!this.started) {
      this.started = true;
      if (this.callback(this.cb, [evt]) === Failed) return;
    }
    this.output(evt);
  }
}
