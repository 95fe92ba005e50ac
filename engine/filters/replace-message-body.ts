// replaceMessageBody([limit,] replacement): MessageStart passes at once, the body is swallowed, and at
// the message's end the replacement is output followed by the end event (§4.4).

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { makeData } from '../events.js';
import { isCallable } from '../../interpreter/index.js';
import { MessageBuffer, limitAndCallback } from './message-buffer.js';

export class ReplaceMessageBody extends Filter {
  readonly name = 'replaceMessageBody';
  private readonly buffer: MessageBuffer;

  constructor(private readonly limit: number, private readonly replacement: unknown) {
    super();
    this.buffer = new MessageBuffer(limit, 'replaceBody');
  }

  static create(args: unknown[]): ReplaceMessageBody {
    const [limit, r] = limitAndCallback(args);
    return new ReplaceMessageBody(limit, r);
  }

  clone(): ReplaceMessageBody {
    return this.adopt(new ReplaceMessageBody(this.limit, this.replacement));
  }

  override reset(): void {
    super.reset();
    this.buffer.reset();
  }

  protected process(evt: Event): void {
    const what = this.buffer.take(evt);
    if (what === 'data') return;
    if (what === 'end') {
      const body = makeData(this.buffer.finish());
      const r = this.replacement;
      this.outputValue(isCallable(r) ? this.callback(r, [body]) : r);
    }
    this.output(evt);
  }
}
