// replaceData(replacement): replaces each non-empty Data; flushes pass (§4.4). The replacement is a fixed value or a
// function of the event; what it gives (events, messages, arrays, nothing) is output instead.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isFlush } from '../events.js';
import { isCallable } from '../../interpreter/index.js';

export class ReplaceData extends Filter {
  readonly name = 'replaceData';

  constructor(private readonly replacement: unknown) {
    super();
  }

  static create(args: unknown[]): ReplaceData {
    return new ReplaceData(args[0]);
  }

  clone(): ReplaceData {
    return this.adopt(new ReplaceData(this.replacement));
  }

  protected process(evt: Event): void {
    if (!(isData(evt) && !isFlush(evt))) return this.output(evt);
    const r = this.replacement;
    this.outputValue(isCallable(r) ? this.callback(r, [evt]) : r);
  }
}
