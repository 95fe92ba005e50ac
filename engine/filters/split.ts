// split(callback): calls back per byte; when it returns an event or message, the bytes so far (this one
// included) are output as Data followed by that value (§4.5). Only Data and StreamEnd go through.

import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData } from '../events.js';
import { need, fn } from '../args.js';

export class Split extends Filter {
  readonly name = 'split';

  constructor(private readonly cb: unknown) {
    super();
  }

  static create(args: unknown[]): Split {
    need(args, 1);
    return new Split(fn(args, 0));
  }

  clone(): Split {
    return this.adopt(new Split(this.cb));
  }

  protected process(evt: Event): void {
    if (isStreamEnd(evt)) return this.output(evt);
    if (!isData(evt) || !bufferOf(evt).length) return;
    const buf = bufferOf(evt);
    let from = 0;
    for (let i = 0; i < buf.length; i++) {
      const r = this.callback(this.cb, [buf[i]]);
      if (r === Failed || r === undefined || r === null || typeof r !== 'object') continue;
      this.output(makeData(buf.subarray(from, i + 1)));
      from = i + 1;
      this.outputValue(r);
    }
    if (from < buf.length) this.output(makeData(buf.subarray(from)));
  }
}
