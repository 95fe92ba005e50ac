// replaceStreamEnd(replacement): replaces the StreamEnd (§4.4). The replacement is a fixed value or a
// function of the event; what it gives (events, messages, arrays, nothing) is output instead.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isStreamEnd } from '../events.js';
import { isCallable } from '../../interpreter/index.js';

export class ReplaceStreamEnd extends Filter {
  readonly name = 'replaceStreamEnd';

  constructor(private readonly replacement: unknown) {
    super();
  }

  static create(args: unknown[]): ReplaceStreamEnd {
    return new ReplaceStreamEnd(args[0]);
  }

  clone(): ReplaceStreamEnd {
    return this.adopt(new ReplaceStreamEnd(this.replacement));
  }

  protected process(evt: Event): void {
    if (!(isStreamEnd(evt))) return this.output(evt);
    const r = this.replacement;
    this.outputValue(isCallable(r) ? this.callback(r, [evt]) : r);
  }
}
