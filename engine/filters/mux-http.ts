// muxHTTP(target, key, [options]): requests from every stream whose key is equal share one session
// sub-pipeline, usually ending in `connect` (spec §4.1, §5.5). Requests are encoded onto the session
// one whole message after another (HTTP/1.1 pipelining); responses are decoded and handed back FIFO.
// When the session ends, every stream still waiting gets its response (a synthetic 502/504 when no
// head came) and the session is dropped; the next request opens a new one. With `{version: 2}` the
// session speaks HTTP/2 with prior knowledge instead (spec §5.6) and each request is one stream.
// A request cut by a StreamEnd before its end (decompressHTTP's cap, say) is answered here at once
// (413 for a BufferOverflow); an HTTP/1 connection that carried part of it takes no more requests.

import type { Event, StreamEnd } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, headOf, makeData, makeMessageStart, makeMessageEnd, makeStreamEnd, errorOf, flush } from '../events.js';
import type { Pipeline, PipelineLayout } from '../pipeline.js';
import { TargetFilter } from './target-filter.js';
import { need, str, optObj, numOrStr, fail } from '../args.js';
import { parseSeconds } from '../units.js';
import { HttpDecoder } from '../codec/http/decoder.js';
import { HttpEncoder } from '../codec/http/encoder.js';
import type { StreamErrorName } from '../errors.js';
import { bufferSizeOption, errorHead, methodOf, responseHead } from './http-common.js';
import type { GuestObject } from '../../interpreter/index.js';
import { H2ClientConnection } from '../codec/http2/client.js';
import type { H2Request, H2ResponseSink } from '../codec/http2/client.js';

interface MuxOptions {
  bufferSize: number;
  maxIdle: number;
  version: 1 | 2;
}

/** What MuxHTTP needs of a session, whichever HTTP version it speaks. */
interface MuxSession {
  /** Over, or refusing new requests (HTTP/2 after GOAWAY). */
  readonly usable: boolean;
  attach(): void;
  detach(stream: MuxHTTP): void;
  /** The stream's request was cut before its end: whatever of it was sent is abandoned. */
  cancel(stream: MuxHTTP): void;
  request(stream: MuxHTTP, evt: Event, held: Event[]): boolean;
}

/** Sessions of one muxHTTP position: value keys in a Map, object keys weakly. */
class SessionTable {
  private readonly byValue = new Map<unknown, MuxSession>();
  private readonly byObject = new WeakMap<object, MuxSession>();

  get(key: unknown): MuxSession | undefined {
    return typeof key === 'object' && key !== null ? this.byObject.get(key) : this.byValue.get(key);
  }

  set(key: unknown, s: MuxSession): void {
    if (typeof key === 'object' && key !== null) this.byObject.set(key, s);
    else this.byValue.set(key, s);
  }

  delete(key: unknown, s: MuxSession): void {
    if (this.get(key) !== s) return;
    if (typeof key === 'object' && key !== null) this.byObject.delete(key);
    else this.byValue.delete(key);
  }
}

/** One shared upstream: the session pipeline with its request encoder and response decoder. */
class Session implements MuxSession {
  private readonly pipeline: Pipeline;
  private readonly encoder: HttpEncoder;
  private readonly decoder: HttpDecoder;
  /** Streams whose request went out, oldest first; the first one receives the next response. */
  private readonly waiting: MuxHTTP[] = [];
  /** Streams with a whole request buffered, waiting for the encoder. */
  private readonly sendQueue: { stream: MuxHTTP; events: Event[] }[] = [];
  private sender: MuxHTTP | null = null;
  private headSeen = false;
  /** The stream whose CONNECT or upgrade took this session over; raw bytes flow both ways after it. */
  private tunnel: MuxHTTP | null = null;
  private tunnelRequested = false;
  refs = 0;
  ended = false;
  /** Holds a half-sent request: takes no new ones, and closes once those before it are answered. */
  private retiring = false;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(layout: PipelineLayout, owner: MuxHTTP, private readonly table: SessionTable, private readonly key: unknown, private readonly options: MuxOptions) {
    this.encoder = new HttpEncoder(false, options.bufferSize, (b) => this.pipeline.input(makeData(b)));
    this.decoder = new HttpDecoder(true, {
      head: (h) => ((this.headSeen = true), this.waiting[0]?.response(makeMessageStart(h.head))),
      body: (b) => this.waiting[0]?.response(makeData(b)),
      end: () => this.responseEnded(),
      error: () => this.end('ReadError'),
      tunnel: (b) => this.tunnelOutput(b),
    });
    this.pipeline = layout.instantiate(owner.context.clone(), { input: (e) => this.fromUpstream(e) });
  }

  get usable(): boolean {
    return !this.ended && !this.retiring;
  }

  attach(): void {
    this.refs++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  detach(stream: MuxHTTP): void {
    const i = this.waiting.indexOf(stream);
    if (i >= 0) this.waiting[i] = orphan;
    if (this.sender === stream) this.abandonSend();
    // A tunnel's connection belongs to its one stream: it goes with it.
    if (this.tunnel === stream) {
      this.tunnel = null;
      return this.end('');
    }
    if (--this.refs > 0 || this.ended) return;
    this.idleTimer = setTimeout(() => this.end(''), this.options.maxIdle * 1000);
  }

  // ---- requests ----------------------------------------------------------------------------------

  /** A request event from a stream: streamed when the encoder is free, else its message is held. */
  request(stream: MuxHTTP, evt: Event, held: Event[]): boolean {
    if (this.ended) return false;
    if (this.tunnel === stream && this.tunnelRequested) return this.tunnelInput(evt);
    if (isStreamEnd(evt)) return true;
    if (this.sender === null && isMessageStart(evt)) this.sender = stream;
    if (this.sender !== stream) {
      held.push(evt);
      if (isMessageEnd(evt)) this.sendQueue.push({ stream, events: held.splice(0) });
      return true;
    }
    this.encode(stream, evt);
    return true;
  }

  private encode(stream: MuxHTTP, evt: Event): void {
    if (isMessageStart(evt)) {
      const method = methodOf(headOf(evt));
      this.decoder.expectBodiless(method === 'HEAD', method === 'CONNECT');
      if (method === 'CONNECT' || upgradeOf(headOf(evt)) === 'websocket') this.isolate(stream);
      this.waiting.push(stream);
      this.encoder.start(headOf(evt), { final: false, bodiless: false });
    } else if (isData(evt)) this.encoder.data(bufferOf(evt));
    else if (isMessageEnd(evt)) {
      this.encoder.end();
      this.pipeline.input(flush());
      this.sender = null;
      if (this.tunnel === stream) this.tunnelRequested = true;
      else this.sendNext();
    }
  }

  // ---- tunnels (CONNECT, WebSocket upgrades; spec §5.5) ---------------------------------------------

  /** A tunnel needs the connection to itself: later requests of the key open a new session. */
  private isolate(stream: MuxHTTP): void {
    this.tunnel = stream;
    this.table.delete(this.key, this);
  }

  /** Upstream bytes for the tunnel's stream, flushed per read as `connect` does. */
  private tunnelOutput(b: Buffer): void {
    this.tunnel?.response(makeData(b));
    this.tunnel?.response(flush());
  }

  /** After the tunnel's request: the stream's bytes go to the upstream as they are. */
  private tunnelInput(evt: Event): boolean {
    if (isData(evt)) this.pipeline.input(evt);
    else if (isStreamEnd(evt)) this.pipeline.input(evt);
    return true;
  }

  private sendNext(): void {
    const next = this.sendQueue.shift();
    if (!next) return;
    this.sender = next.stream;
    for (const e of next.events) this.encode(next.stream, e);
  }

  cancel(stream: MuxHTTP): void {
    if (this.sender !== stream) return;
    // Its slot is the newest one: a response to the half-sent request goes nowhere.
    this.waiting[this.waiting.lastIndexOf(stream)] = orphan;
    if (this.tunnel === stream) this.tunnel = null;
    this.abandonSend();
  }

  /** The sending stream went away mid-request: the upstream cannot be reused safely. */
  private abandonSend(): void {
    this.encoder.abort();
    this.sender = null;
    this.retire();
  }

  /**
   * The upstream holds a request that can never be finished. Requests queued behind it go to a new
   * session of the key; those already sent still get their responses, then the connection closes.
   */
  private retire(): void {
    this.retiring = true;
    this.table.delete(this.key, this);
    for (const q of this.sendQueue.splice(0)) q.stream.resend(q.events);
    this.closeIfRetired();
  }

  private closeIfRetired(): void {
    if (this.retiring && this.waiting.every((s) => s === orphan)) this.end('');
  }

  // ---- responses ---------------------------------------------------------------------------------

  private fromUpstream(evt: Event): void {
    if (isData(evt)) this.decoder.feed(bufferOf(evt));
    else if (isStreamEnd(evt)) {
      this.decoder.close();
      this.end(errorOf(evt));
    }
  }

  private responseEnded(): void {
    this.headSeen = false;
    const s = this.waiting.shift();
    s?.response(makeMessageEnd());
    this.closeIfRetired();
  }

  /** The session is over: waiting streams get an error response or a cut, the session goes. */
  end(error: StreamErrorName): void {
    if (this.ended) return;
    this.ended = true;
    this.table.delete(this.key, this);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const waiting = this.waiting.splice(0);
    waiting.forEach((s, i) => {
      if (i > 0 || !this.headSeen) s.response(makeMessageStart(errorHead(error)));
      s.response(makeStreamEnd(error));
    });
    for (const q of this.sendQueue.splice(0)) {
      q.stream.response(makeMessageStart(errorHead(error)));
      q.stream.response(makeStreamEnd(error));
    }
    if (this.tunnel && !waiting.includes(this.tunnel)) this.tunnel.response(makeStreamEnd(error));
    this.pipeline.input(makeStreamEnd());
    this.pipeline.release();
  }
}

// ---- HTTP/2 sessions (spec §5.6) --------------------------------------------------------------------

/**
 * One shared upstream spoken in HTTP/2: every request is a stream of one node:http2 client session
 * whose bytes run through the session pipeline. Responses come back per stream, in any order.
 */
class Session2 implements MuxSession {
  private readonly pipeline: Pipeline;
  private readonly conn: H2ClientConnection;
  /** Each stream's latest request; a stream's earlier ones still answer to it. */
  private readonly requests = new Map<MuxHTTP, H2Request>();
  /** Every unanswered request, so the end of the session can fail them all. */
  private readonly live = new Set<H2Request>();
  private refs = 0;
  private ended = false;
  private draining = false;
  private error: StreamErrorName = '';
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(layout: PipelineLayout, owner: MuxHTTP, private readonly table: SessionTable, private readonly key: unknown, private readonly options: MuxOptions) {
    this.pipeline = layout.instantiate(owner.context.clone(), { input: (e) => this.fromUpstream(e) });
    this.conn = new H2ClientConnection(options.bufferSize, {
      output: (b) => (this.pipeline.input(makeData(b)), this.pipeline.input(makeData())),
      draining: () => this.drain(),
      closed: () => this.end(''),
    }, this.pipeline.context.group);
  }

  get usable(): boolean {
    return !this.ended && !this.draining;
  }

  attach(): void {
    this.refs++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  detach(stream: MuxHTTP): void {
    this.cancel(stream);
    if (--this.refs > 0 || this.ended) return;
    if (this.draining) return this.end('');
    this.idleTimer = setTimeout(() => this.end(''), this.options.maxIdle * 1000);
  }

  /** Streams are independent here: RST_STREAM ends the one request and the session goes on. */
  cancel(stream: MuxHTTP): void {
    const r = this.requests.get(stream);
    if (r && !r.done) r.cancel();
    if (r) this.live.delete(r);
    this.requests.delete(stream);
  }

  request(stream: MuxHTTP, evt: Event, _held: Event[]): boolean {
    if (this.ended) return false;
    if (isMessageStart(evt)) {
      const r: H2Request = this.conn.request(this.sinkFor(stream, () => this.live.delete(r)));
      this.requests.set(stream, r);
      this.live.add(r);
      r.start(headOf(evt));
    } else if (isData(evt)) this.requests.get(stream)?.data(bufferOf(evt));
    else if (isMessageEnd(evt)) this.requests.get(stream)?.end();
    return true;
  }

  private sinkFor(stream: MuxHTTP, done: () => void): H2ResponseSink {
    return {
      group: stream.context.group,
      head: (h) => stream.response(makeMessageStart(h)),
      body: (b) => stream.response(makeData(b)),
      end: () => (done(), stream.response(makeMessageEnd())),
      fail: (headSeen) => {
        done();
        if (!headSeen) stream.response(makeMessageStart(errorHead(this.error)));
        stream.response(makeStreamEnd(this.error));
      },
    };
  }

  private fromUpstream(evt: Event): void {
    if (isData(evt)) this.conn.feed(bufferOf(evt));
    else if (isStreamEnd(evt)) {
      this.conn.end();
      this.end(errorOf(evt));
    }
  }

  /** GOAWAY: open streams finish here, new requests of the key open a new session. */
  private drain(): void {
    this.draining = true;
    this.table.delete(this.key, this);
    if (this.refs === 0) this.end('');
  }

  /** The session is over: unanswered requests fail (a synthetic 502/504 before a head). */
  private end(error: StreamErrorName): void {
    if (this.ended) return;
    this.ended = true;
    this.error = error;
    this.table.delete(this.key, this);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const r of [...this.live]) r.fail();
    this.requests.clear();
    this.conn.destroy();
    this.pipeline.input(makeStreamEnd());
    this.pipeline.release();
  }
}

function upgradeOf(head: unknown): unknown {
  const h = head && typeof head === 'object' ? (head as Record<string, unknown>).headers : undefined;
  return h && typeof h === 'object' ? (h as Record<string, unknown>).upgrade : undefined;
}

function versionOption(o: Record<string, unknown>): 1 | 2 {
  const v = o.version;
  if (v === undefined || v === null) return 1;
  if (typeof v !== 'number') fail('options.version requires a number');
  if (v !== 1 && v !== 2) fail(`invalid HTTP version: ${v}`);
  return v;
}

/** The answer to a request cut before its end: too large (the decompression cap), or failed. */
function cutHead(error: StreamErrorName): GuestObject {
  return error === 'BufferOverflow' ? responseHead(413, 'Payload Too Large') : errorHead(error);
}

/** Placeholder for a stream that left while its response was still coming. */
const orphan = { response() {} } as unknown as MuxHTTP;

export class MuxHTTP extends TargetFilter {
  readonly name = 'muxHTTP';
  private table = new SessionTable();
  private session: MuxSession | null = null;
  private held: Event[] = [];
  /** Between a request's MessageStart and its MessageEnd. */
  private inRequest = false;

  constructor(target: string, private readonly key: unknown, private readonly options: MuxOptions) {
    super(target);
  }

  static create(args: unknown[]): MuxHTTP {
    need(args, 2);
    const o = optObj(args, 2);
    const idle = numOrStr(o, 'maxIdle', 'option');
    return new MuxHTTP(str(args, 0), args[1], { bufferSize: bufferSizeOption(o), maxIdle: idle === undefined ? 10 : parseSeconds(idle), version: versionOption(o) });
  }

  clone(): MuxHTTP {
    const f = this.twin(new MuxHTTP(this.target, this.key, this.options));
    f.table = this.table;
    return f;
  }

  override reset(): void {
    super.reset();
    this.session?.detach(this);
    this.session = null;
    this.held = [];
    this.inRequest = false;
  }

  protected process(evt: Event): void {
    if (isStreamEnd(evt)) return this.streamEnded(evt);
    if (isMessageStart(evt)) this.inRequest = true;
    else if (isMessageEnd(evt)) this.inRequest = false;
    if (!this.session?.usable) {
      // A request begun but still held for a session that is gone starts over on a new one.
      if (!isMessageStart(evt) && !this.held.length) return;
      this.moveOn();
    }
    this.session!.request(this, evt, this.held);
  }

  /**
   * Without this a cut request would keep its session's sender slot, and every request of the key
   * would wait behind it, the client's among them, until the client gave up.
   */
  private streamEnded(evt: StreamEnd): void {
    if (!this.inRequest) {
      if (this.session?.usable) this.session.request(this, evt, this.held);
      return;
    }
    this.inRequest = false;
    this.held = [];
    this.session?.cancel(this);
    this.output(makeMessageStart(cutHead(errorOf(evt))));
    this.output(makeStreamEnd(errorOf(evt)));
  }

  /** To a usable session of the key, replaying what was held for the old one. */
  private moveOn(): void {
    this.session?.detach(this);
    this.session = this.sessionFor(this.evalParam(this.key));
    for (const e of this.held.splice(0)) this.session.request(this, e, this.held);
  }

  /** Its whole request was queued on a session that will never send it. */
  resend(events: Event[]): void {
    this.held = events;
    this.moveOn();
  }

  private sessionFor(key: unknown): MuxSession {
    let s = this.table.get(key);
    if (!s?.usable) {
      const make = this.options.version === 2 ? Session2 : Session;
      s = new make(this.layout!, this, this.table, key, this.options);
      this.table.set(key, s);
    }
    s.attach();
    return s;
  }

  /** A response event for this stream, from the session. */
  response(evt: Event): void {
    this.output(evt);
  }
}
