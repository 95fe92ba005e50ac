// handleMessageBody([limit,] callback): data flows on as it comes; at the message's end the whole body
// goes to the callback before the end event passes (§4.3).

import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { makeData } from '../events.js';
import { need, fail } from '../args.js';
import { isCallable } from '../../interpreter/index.js';
import { MessageBuffer, limitAndCallback } from './message-buffer.js';

export class HandleMessageBody extends Filter {
  readonly name = 'handleMessageBody';
  private readonly buffer: MessageBuffer;

  constructor(private readonly limit: number, private readonly cb: unknown) {
    super();
    this.buffer = new MessageBuffer(limit, 'handleMessageBody');
  }

  static create(args: unknown[]): HandleMessageBody {
    need(args, 1);
    const [limit, cb] = limitAndCallback(args);
    if (!isCallable(cb)) fail(`argument #${args.length} expects a function`);
    return new HandleMessageBody(limit, cb);
  }

  clone(): HandleMessageBody {
    return this.adopt(new HandleMessageBody(this.limit, this.cb));
  }

  override reset(): void {
    super.reset();
    this.buffer.reset();
  }

  protected process(evt: Event): void {
    if (this.buffer.take(evt) === 'end') {
      if (this.callback(this.cb, [makeData(this.buffer.finish())]) === Failed) return;
    }
    this.output(evt);
  }
}
