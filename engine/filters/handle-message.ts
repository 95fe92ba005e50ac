// handleMessage([limit,] callback): events flow on as they come; at the message's end the callback gets
// the whole Message(head, body) before the end event passes (§4.3).

import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { makeMessage } from '../events.js';
import { need, fail } from '../args.js';
import { isCallable } from '../../interpreter/index.js';
import { MessageBuffer, limitAndCallback } from './message-buffer.js';

export class HandleMessage extends Filter {
  readonly name = 'handleMessage';
  private readonly buffer: MessageBuffer;

  constructor(private readonly limit: number, private readonly cb: unknown) {
    super();
    this.buffer = new MessageBuffer(limit, 'handleMessage');
  }

  static create(args: unknown[]): HandleMessage {
    need(args, 1);
    const [limit, cb] = limitAndCallback(args);
    if (!isCallable(cb)) fail(`argument #${args.length} expects a function`);
    return new HandleMessage(limit, cb);
  }

  clone(): HandleMessage {
    return this.adopt(new HandleMessage(this.limit, this.cb));
  }

  override reset(): void {
    super.reset();
    this.buffer.reset();
  }

  protected process(evt: Event): void {
    if (this.buffer.take(evt) === 'end') {
      const msg = makeMessage(this.buffer.head, this.buffer.finish());
      if (this.callback(this.cb, [msg]) === Failed) return;
    }
    this.output(evt);
  }
}
