// replaceStreamStart(replacement): replaces the first event of the stream, which is not passed on unless returned (§4.4). The replacement is a fixed value or a
// function of the event; what it gives (events, messages, arrays, nothing) is output instead.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isCallable } from '../../interpreter/index.js';

export class ReplaceStreamStart extends Filter {
  readonly name = 'replaceStreamStart';
  private started = false;

  constructor(private readonly replacement: unknown) {
    super();
  }

  static create(args: unknown[]): ReplaceStreamStart {
    return new ReplaceStreamStart(args[0]);
  }

  clone(): ReplaceStreamStart {
    return this.adopt(new ReplaceStreamStart(this.replacement));
  }

  override reset(): void {
    super.reset();
    this.started = false;
  }

  protected process(evt: Event): void {
    if (!(!this.started)) return this.output(evt);
    this.started = true;
    const r = this.replacement;
    this.outputValue(isCallable(r) ? this.callback(r, [evt]) : r);
  }
}
