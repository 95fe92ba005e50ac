// encodeHTTPResponse([options]): response messages in, Data out, the message events passed along too
// (spec §4.6, §5.3). `final` closes the stream after the response; `bodiless` writes no body (HEAD).

import { Filter, truthy } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, bufferOf, makeData, headOf, makeStreamEnd } from '../events.js';
import { HttpEncoder } from '../codec/http/encoder.js';
import { optObj } from '../args.js';
import { bufferSizeOption } from './http-common.js';

export class EncodeHTTPResponse extends Filter {
  readonly name = 'encodeHTTPResponse';
  private readonly encoder: HttpEncoder;
  private final = false;

  constructor(private readonly o: { final: unknown; bodiless: unknown; bufferSize: number }) {
    super();
    this.encoder = new HttpEncoder(true, o.bufferSize, (b) => this.output(makeData(b)));
  }

  static create(args: unknown[]): EncodeHTTPResponse {
    const o = optObj(args, 0);
    return new EncodeHTTPResponse({ final: o.final, bodiless: o.bodiless, bufferSize: bufferSizeOption(o) });
  }

  clone(): EncodeHTTPResponse {
    return this.adopt(new EncodeHTTPResponse(this.o));
  }

  override reset(): void {
    super.reset();
    this.encoder.abort();
  }

  protected process(evt: Event): void {
    if (isMessageStart(evt)) {
      this.final = truthy(this.evalParam(this.o.final));
      this.encoder.start(headOf(evt), { final: this.final, bodiless: truthy(this.evalParam(this.o.bodiless)) });
      return this.output(evt);
    }
    if (isData(evt)) return this.encoder.data(bufferOf(evt));
    if (isMessageEnd(evt)) {
      this.encoder.end();
      return this.output(this.final ? makeStreamEnd() : evt);
    }
    this.output(evt);
  }
}
