// fetchHTTP(target): one HTTP/1 exchange per stream over its own sub-pipeline (shared context;
// usually ending in `connect`), spec §4.1. The request is encoded with `connection: close`, the
// first response is decoded and output, and then the sub-pipeline is told the stream is over. A
// connection that fails before answering gives a synthetic error response (502, 504...) as for
// muxHTTP. Its graph name is `sendHTTP`, as in Pipy.

import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, headOf, makeData, flush, makeMessageStart, makeMessageEnd, makeStreamEnd, errorOf } from '../events.js';
import { need, str } from '../args.js';
import { HttpEncoder } from '../codec/http/encoder.js';
import { HttpDecoder } from '../codec/http/decoder.js';
import { errorHead, methodOf, defaultBufferSize } from './http-common.js';
import { SubPipelineFilter } from './sub-pipeline-bridge.js';

export class FetchHTTP extends SubPipelineFilter {
  readonly name = 'sendHTTP';
  private encoder = new HttpEncoder(false, defaultBufferSize, (b) => this.sub?.input(makeData(b)));
  private decoder = this.makeDecoder();
  /** 'head' until the response starts, 'body' inside it, 'done' after it. */
  private phase: 'head' | 'body' | 'done' = 'head';

  constructor(target: string) {
    super(target);
  }

  static create(args: unknown[]): FetchHTTP {
    need(args, 1);
    return new FetchHTTP(str(args, 0));
  }

  clone(): FetchHTTP {
    return this.twin(new FetchHTTP(this.target));
  }

  override reset(): void {
    super.reset();
    this.releaseSub();
    this.encoder.abort();
    this.decoder = this.makeDecoder();
    this.phase = 'head';
  }

  private makeDecoder(): HttpDecoder {
    return new HttpDecoder(true, {
      head: (h) => ((this.phase = 'body'), this.output(makeMessageStart(h.head))),
      body: (b) => this.phase === 'body' && this.output(makeData(b)),
      end: () => this.responded(),
      error: () => this.failed(''),
    });
  }

  protected process(evt: Event): void {
    if (!this.sub) this.openSub(this.context, (e) => this.fromServer(e));
    if (isMessageStart(evt)) {
      this.decoder.expectBodiless(methodOf(headOf(evt)) === 'HEAD');
      this.encoder.start(headOf(evt), { final: true, bodiless: false });
    } else if (isData(evt)) this.encoder.data(bufferOf(evt));
    else if (isMessageEnd(evt)) {
      this.encoder.end();
      this.sub!.input(flush());
    } else if (isStreamEnd(evt) && this.phase === 'done') this.output(evt);
  }

  private fromServer(e: Event): void {
    if (this.phase === 'done') return;
    if (isData(e)) return this.decoder.feed(bufferOf(e));
    if (!isStreamEnd(e)) return;
    this.decoder.close();
    if ((this.phase as string) !== 'done') this.failed(errorOf(e));
  }

  private responded(): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    this.output(makeMessageEnd());
    this.sub?.input(makeStreamEnd());
    this.output(makeStreamEnd());
  }

  /** The server went away: a synthetic head if none came, then the end of the stream. */
  private failed(error: Parameters<typeof errorHead>[0]): void {
    if (this.phase === 'head') this.output(makeMessageStart(errorHead(error)));
    this.phase = 'done';
    this.output(makeMessageEnd());
    this.output(makeStreamEnd(error));
  }
}
