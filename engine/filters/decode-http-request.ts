// decodeHTTPRequest(): Data in, request messages out (spec §4.6, §5.2). Input that is not HTTP stops
// the decoding; anything after that is ignored.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, makeMessageStart, makeMessageEnd } from '../events.js';
import { HttpDecoder } from '../codec/http/decoder.js';

export class DecodeHTTPRequest extends Filter {
  readonly name = 'decodeHTTPRequest';
  private decoder = this.makeDecoder();

  static create(): DecodeHTTPRequest {
    return new DecodeHTTPRequest();
  }

  clone(): DecodeHTTPRequest {
    return this.adopt(new DecodeHTTPRequest());
  }

  protected makeDecoder(): HttpDecoder {
    return new HttpDecoder(false, {
      head: (h) => this.output(makeMessageStart(h.head)),
      body: (b) => this.output(makeData(b)),
      end: () => this.output(makeMessageEnd()),
      error: () => {},
    });
  }

  override reset(): void {
    super.reset();
    this.decoder = this.makeDecoder();
  }

  protected process(evt: Event): void {
    if (isData(evt)) this.decoder.feed(bufferOf(evt));
    else if (isStreamEnd(evt)) this.output(evt);
  }
}
