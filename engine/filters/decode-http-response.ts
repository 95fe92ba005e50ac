// decodeHTTPResponse([options]): Data in, response messages out (spec §4.6, §5.2). A StreamEnd with an
// error while waiting for a head becomes a synthetic error response first (502, 504...).

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, makeMessageStart, makeMessageEnd, errorOf } from '../events.js';
import { HttpDecoder } from '../codec/http/decoder.js';
import { optObj } from '../args.js';
import { errorHead } from './http-common.js';
import { truthy } from '../filter.js';

export class DecodeHTTPResponse extends Filter {
  readonly name = 'decodeHTTPResponse';
  private decoder = this.makeDecoder();
  private inMessage = false;

  constructor(private readonly bodiless: unknown) {
    super();
  }

  static create(args: unknown[]): DecodeHTTPResponse {
    return new DecodeHTTPResponse(optObj(args, 0).bodiless);
  }

  clone(): DecodeHTTPResponse {
    return this.adopt(new DecodeHTTPResponse(this.bodiless));
  }

  private makeDecoder(): HttpDecoder {
    return new HttpDecoder(true, {
      head: (h) => ((this.inMessage = true), this.output(makeMessageStart(h.head))),
      body: (b) => this.output(makeData(b)),
      end: () => ((this.inMessage = false), this.output(makeMessageEnd())),
      error: () => {},
    });
  }

  override reset(): void {
    super.reset();
    this.decoder = this.makeDecoder();
    this.inMessage = false;
  }

  protected process(evt: Event): void {
    if (isData(evt)) {
      if (this.decoder.idle && this.bodiless !== undefined) this.decoder.expectBodiless(truthy(this.evalParam(this.bodiless)));
      return this.decoder.feed(bufferOf(evt));
    }
    if (!isStreamEnd(evt)) return;
    this.decoder.close();
    if (!this.inMessage && errorOf(evt)) this.output(makeMessageStart(errorHead(errorOf(evt))));
    this.output(evt);
  }
}
