// replaceMessageStart(replacement): replaces each MessageStart (§4.4). The replacement is a fixed value or a
// function of the event; what it gives (events, messages, arrays, nothing) is output instead.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isMessageStart } from '../events.js';
import { isCallable } from '../../interpreter/index.js';

export class ReplaceMessageStart extends Filter {
  readonly name = 'replaceMessageStart';

  constructor(private readonly replacement: unknown) {
    super();
  }

  static create(args: unknown[]): ReplaceMessageStart {
    return new ReplaceMessageStart(args[0]);
  }

  clone(): ReplaceMessageStart {
    return this.adopt(new ReplaceMessageStart(this.replacement));
  }

  protected process(evt: Event): void {
    if (!(isMessageStart(evt))) return this.output(evt);
    const r = this.replacement;
    this.outputValue(isCallable(r) ? this.callback(r, [evt]) : r);
  }
}
