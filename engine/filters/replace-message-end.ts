// replaceMessageEnd(replacement): replaces each MessageEnd (§4.4). The replacement is a fixed value or a
// function of the event; what it gives (events, messages, arrays, nothing) is output instead.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isMessageEnd } from '../events.js';
import { isCallable } from '../../interpreter/index.js';

export class ReplaceMessageEnd extends Filter {
  readonly name = 'replaceMessageEnd';

  constructor(private readonly replacement: unknown) {
    super();
  }

  static create(args: unknown[]): ReplaceMessageEnd {
    return new ReplaceMessageEnd(args[0]);
  }

  clone(): ReplaceMessageEnd {
    return this.adopt(new ReplaceMessageEnd(this.replacement));
  }

  protected process(evt: Event): void {
    if (!(isMessageEnd(evt))) return this.output(evt);
    const r = this.replacement;
    this.outputValue(isCallable(r) ? this.callback(r, [evt]) : r);
  }
}
