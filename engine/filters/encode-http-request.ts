// encodeHTTPRequest([options]): request messages in, Data out, the message events passed along too
// (spec §4.6, §5.3).

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, bufferOf, makeData, headOf } from '../events.js';
import { HttpEncoder } from '../codec/http/encoder.js';
import { optObj } from '../args.js';
import { bufferSizeOption } from './http-common.js';

export class EncodeHTTPRequest extends Filter {
  readonly name = 'encodeHTTPRequest';
  private readonly encoder: HttpEncoder;

  constructor(private readonly bufferSize: number) {
    super();
    this.encoder = new HttpEncoder(false, bufferSize, (b) => this.output(makeData(b)));
  }

  static create(args: unknown[]): EncodeHTTPRequest {
    return new EncodeHTTPRequest(bufferSizeOption(optObj(args, 0)));
  }

  clone(): EncodeHTTPRequest {
    return this.adopt(new EncodeHTTPRequest(this.bufferSize));
  }

  override reset(): void {
    super.reset();
    this.encoder.abort();
  }

  protected process(evt: Event): void {
    if (isMessageStart(evt)) this.encoder.start(headOf(evt), { final: false, bodiless: false });
    else if (isData(evt)) return this.encoder.data(bufferOf(evt));
    else if (isMessageEnd(evt)) this.encoder.end();
    this.output(evt);
  }
}
