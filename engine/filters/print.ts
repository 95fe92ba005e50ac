// print(): passes events on and writes Data to the log as raw lines (§4.5): split on newlines,
// control characters dropped, wrapped at 100 characters, a partial line flushed at message/stream end.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isMessageEnd, isStreamEnd, bufferOf } from '../events.js';
import * as log from '../log.js';

const width = 100;

export class Print extends Filter {
  readonly name = 'print';
  private line = '';

  static create(): Print {
    return new Print();
  }

  clone(): Print {
    return this.adopt(new Print());
  }

  override reset(): void {
    super.reset();
    this.line = '';
  }

  protected process(evt: Event): void {
    if (isData(evt)) this.write(bufferOf(evt));
    else if ((isMessageEnd(evt) || isStreamEnd(evt)) && this.line) this.flushLine();
    this.output(evt);
  }

  private write(buf: Buffer): void {
    for (const b of buf) {
      if (b === 10) this.flushLine();
      else if (b >= 0x20) {
        this.line += String.fromCharCode(b);
        if (this.line.length >= width) this.flushLine();
      }
    }
  }

  private flushLine(): void {
    log.raw(Buffer.from(this.line, 'latin1').toString('utf8'));
    this.line = '';
  }
}
