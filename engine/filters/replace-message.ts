// replaceMessage([limit,] replacement): a whole message (start, body, end) is swallowed and the
// replacement output instead. A StreamEnd that cuts an open message is swallowed too (§4.4 quirk).

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { makeMessage } from '../events.js';
import { isCallable } from '../../interpreter/index.js';
import { MessageBuffer, limitAndCallback } from './message-buffer.js';

export class ReplaceMessage extends Filter {
  readonly name = 'replaceMessage';
  private readonly buffer: MessageBuffer;

  constructor(private readonly limit: number, private readonly replacement: unknown) {
    super();
    this.buffer = new MessageBuffer(limit, 'replaceMessage');
  }

  static create(args: unknown[]): ReplaceMessage {
    const [limit, r] = limitAndCallback(args);
    return new ReplaceMessage(limit, r);
  }

  clone(): ReplaceMessage {
    return this.adopt(new ReplaceMessage(this.limit, this.replacement));
  }

  override reset(): void {
    super.reset();
    this.buffer.reset();
  }

  protected process(evt: Event): void {
    const what = this.buffer.take(evt);
    if (what === 'other') return this.output(evt);
    if (what !== 'end') return;
    const msg = makeMessage(this.buffer.head, this.buffer.finish());
    const r = this.replacement;
    this.outputValue(isCallable(r) ? this.callback(r, [msg]) : r);
  }
}
