// demuxHTTP(target, [options]): decodes requests from the client connection and runs one sub-pipeline
// per request (cloned context), then encodes their responses back (spec §4.1, §5.4, §5.6).
//
// The first bytes choose the protocol: the HTTP/2 connection preface (prior knowledge, or a client
// that negotiated `h2` through ALPN with acceptTLS in front) hands the connection to an HTTP/2
// session where each stream is one exchange; anything else is HTTP/1, answered in request order.
// A first HTTP/1 request with `upgrade: h2c` switches the connection to HTTP/2 as well.

import { TargetFilter } from './target-filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, headOf, makeMessageStart, makeData, makeMessageEnd, makeStreamEnd } from '../events.js';
import type { Pipeline } from '../pipeline.js';
import { need, str, optObj } from '../args.js';
import { HttpServer } from './http-server.js';
import { bufferSizeOption } from './http-common.js';
import { PrefaceSniffer } from '../codec/http2/preface.js';
import { H2ServerConnection } from '../codec/http2/server.js';
import type { H2Exchange } from '../codec/http2/server.js';
import { upgradeHeadersFrame } from '../codec/http2/upgrade.js';

type Mode = 'sniff' | 'http1' | 'h2';

const switching = 'HTTP/1.1 101 Switching Protocols\r\nupgrade: h2c\r\nconnection: upgrade\r\n\r\n';

export class DemuxHTTP extends TargetFilter {
  readonly name = 'demuxHTTP';
  private readonly server: HttpServer;
  private mode: Mode = 'sniff';
  private sniffer = new PrefaceSniffer();
  private h2: H2ServerConnection | null = null;

  constructor(target: string, private readonly bufferSize: number) {
    super(target);
    this.server = new HttpServer(bufferSize, {
      open: (ex, h) => (ex.tag = this.openExchange(h.head, (e) => this.server.respond(ex, e))),
      body: (ex, b) => (ex.tag as Pipeline | undefined)?.input(makeData(b)),
      end: (ex) => (ex.tag as Pipeline | undefined)?.input(makeMessageEnd()),
      close: (ex) => this.closeExchange(ex.tag as Pipeline | undefined),
      streamEnd: (ex) => (ex.tag as Pipeline | undefined)?.input(makeStreamEnd()),
      h2c: (head) => this.upgrade(head),
    }, (e) => this.output(e));
  }

  static create(args: unknown[]): DemuxHTTP {
    need(args, 1);
    return new DemuxHTTP(str(args, 0), bufferSizeOption(optObj(args, 1)));
  }

  clone(): DemuxHTTP {
    return this.twin(new DemuxHTTP(this.target, this.bufferSize));
  }

  override reset(): void {
    super.reset();
    this.server.reset();
    this.h2?.destroy();
    this.h2 = null;
    this.mode = 'sniff';
    this.sniffer = new PrefaceSniffer();
  }

  override shutdown(): void {
    this.h2?.shutdown();
  }

  protected process(evt: Event): void {
    if (this.mode === 'sniff') return this.sniff(evt);
    if (this.mode === 'http1') return this.server.input(evt);
    if (isData(evt)) this.h2!.feed(bufferOf(evt));
    else if (isStreamEnd(evt)) this.h2!.end();
  }

  /** Holds input until it is clearly HTTP/2's preface or clearly not. */
  private sniff(evt: Event): void {
    if (isData(evt)) {
      const b = bufferOf(evt);
      if (!b.length) return;
      const r = this.sniffer.feed(b);
      if (r === 'more') return;
      if (r === 'h2') return this.startH2();
    }
    this.mode = 'http1';
    // The sniffer holds every Data seen so far, this one included.
    for (const b of this.sniffer.take()) this.server.input(makeData(b));
    if (!isData(evt)) this.server.input(evt);
  }

  /** The request's pipeline, fed with the decoded head; its output goes to `respond`. */
  private openExchange(head: unknown, respond: (e: Event) => void, context = this.context.clone()): Pipeline {
    const sub = this.layout!.instantiate(context, { input: respond });
    sub.input(makeMessageStart(head));
    return sub;
  }

  /** The request's pipeline is over: tell it (so its filters end cleanly) and let it go. */
  private closeExchange(sub: Pipeline | undefined): void {
    if (!sub) return;
    sub.input(makeStreamEnd());
    sub.release();
  }

  // ---- HTTP/2 (spec §5.6) ------------------------------------------------------------------------

  /** `upgrade: h2c`: 101, then HTTP/2 with the upgrading request as stream 1. */
  private upgrade(head: Record<string, unknown>): ((b: Buffer) => void) | null {
    const frame = upgradeHeadersFrame(head);
    if (!frame) return null;
    this.output(makeData(Buffer.from(switching, 'latin1')));
    this.startH2();
    this.h2!.upgraded(frame);
    return (b) => this.h2?.feed(b);
  }

  private startH2(): void {
    this.mode = 'h2';
    this.h2 = new H2ServerConnection(this.bufferSize, {
      open: (ex, head) => (ex.tag = this.openStream(ex, head)),
      body: (ex, b) => (ex.tag as Pipeline | undefined)?.input(makeData(b)),
      end: (ex) => (ex.tag as Pipeline | undefined)?.input(makeMessageEnd()),
      close: (ex) => this.closeExchange(ex.tag as Pipeline | undefined),
      output: (b) => (this.output(makeData(b)), this.output(makeData())),
      closed: () => this.output(makeStreamEnd()),
    }, this.context.group);
    for (const b of this.sniffer.take()) this.h2.feed(b);
  }

  /**
   * A stream's pipeline gets a branch of the connection's group: a writer congested below it (a
   * backend reading late) pauses this stream alone, so node withholds window from it only, while
   * the connection's socket goes on reading the other streams and the WINDOW_UPDATEs that a
   * full-duplex exchange needs to move its response along.
   */
  private openStream(ex: H2Exchange, head: unknown): Pipeline {
    const context = this.context.branch();
    ex.joinGroup(context.group);
    return this.openExchange(head, (e) => respondH2(ex, e), context);
  }
}

/** A response event from a stream's pipeline, onto its HTTP/2 stream. */
function respondH2(ex: H2Exchange, evt: Event): void {
  if (isMessageStart(evt)) ex.start(headOf(evt));
  else if (isData(evt)) ex.data(bufferOf(evt));
  else if (isMessageEnd(evt)) ex.end();
  else if (isStreamEnd(evt)) ex.streamEnded();
}
