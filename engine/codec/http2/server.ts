// The server side of one HTTP/2 connection (spec §5.6), for demuxHTTP. node:http2 runs the protocol
// (framing, HPACK, flow control, limits, GOAWAY on protocol errors) over an in-memory FrameWire; this
// class turns its streams into exchanges: a request head, body and end handed to the owner, and a
// response head and body from the owner encoded back on that stream. Streams are independent, so
// there is no response ordering between them.
//
// Why node:http2 and not a hand-written codec: nghttp2 is a mature, fuzzed implementation whose
// checks (frame sizes, header list size, stream states, window overflows, HPACK errors) we would
// otherwise have to re-derive and test one by one; the price is that its callbacks arrive on later
// ticks, which the engine already copes with for node:tls.

import { createServer, constants } from 'node:http2';
import type { Http2Server, ServerHttp2Session, ServerHttp2Stream, ServerStreamResponseOptions } from 'node:http2';
import type { GuestObject } from '../../../interpreter/index.js';
import { FrameWire } from './wire.js';
import { settings, maxSessionMemory } from './settings.js';
import { requestHeadOf, responseFields, statusOf, noContent } from './heads.js';
import { OutgoingBody } from './outgoing.js';
import { GoawayWatch } from './goaway-watch.js';
import { tearDown } from './teardown.js';
import { UpgradeSplicer } from './upgrade.js';
import { StreamFlow } from './stream-flow.js';
import type { ContextGroup } from '../../context.js';
import { trackHttp2Stream } from '../../metrics.js';

export interface H2ServerHooks {
  open(ex: H2Exchange, head: GuestObject): void;
  body(ex: H2Exchange, b: Buffer): void;
  end(ex: H2Exchange): void;
  /** The stream is over (answered, or reset by the client): release what the exchange holds. */
  close(ex: H2Exchange): void;
  /** Bytes for the client. */
  output(b: Buffer): void;
  /** The connection is over (the client left, GOAWAY, or a protocol error). */
  closed(): void;
}

/** node:http2 makes server sessions only through a server object; one that never listens will do. */
let factory: Http2Server | null = null;

function serverSession(wire: FrameWire): ServerHttp2Session {
  factory ??= createServer({ settings, maxSessionMemory });
  let session: ServerHttp2Session | null = null;
  const grab = (s: ServerHttp2Session) => (session = s);
  factory.once('session', grab);
  factory.emit('connection', wire);
  factory.off('session', grab);
  if (!session) throw new Error('node:http2 did not open a session');
  return session;
}

export class H2ServerConnection {
  private readonly wire: FrameWire;
  private readonly session: ServerHttp2Session;
  private over = false;

  /** `group`: the connection's context group, congested while the client's socket is (see FrameWire). */
  constructor(private readonly bufferSize: number, private readonly hooks: H2ServerHooks, group: ContextGroup | null = null) {
    const watch = new GoawayWatch(() => queueMicrotask(() => this.finish()));
    this.wire = new FrameWire((b) => {
      if (this.over) return;
      watch.scan(b);
      hooks.output(b);
    }, group);
    this.session = serverSession(this.wire);
    this.session.on('stream', (st: ServerHttp2Stream, _h: unknown, _f: number, raw: string[]) => this.opened(st, raw));
    // Protocol errors are answered with GOAWAY by nghttp2 itself; the watch above then closes.
    this.session.on('error', () => {});
    this.session.on('close', () => this.finish());
  }

  private splicer: UpgradeSplicer | null = null;

  /** After `upgrade: h2c`: the upgrading request becomes stream 1 once the client's preface is in. */
  upgraded(frame: Buffer): void {
    this.splicer = new UpgradeSplicer(frame);
  }

  /** Bytes from the client. */
  feed(b: Buffer): void {
    this.wire.deliver(this.splicer ? this.splicer.feed(b) : b);
  }

  /** The client's byte stream ended. */
  end(): void {
    this.wire.close();
  }

  /** Worker shutdown: GOAWAY, let open streams finish, then close. */
  shutdown(): void {
    if (!this.session.closed) this.session.close();
  }

  /** The owner is done with the connection: drop everything now. */
  destroy(): void {
    this.over = true;
    this.session.destroy();
    this.wire.destroy();
  }

  private opened(st: ServerHttp2Stream, raw: string[]): void {
    const head = requestHeadOf(raw);
    const flow = new StreamFlow(st);
    const ex = new H2Exchange(st, flow, this.bufferSize, head.method === 'HEAD');
    trackHttp2Stream(st, 'Server');
    st.on('error', () => {});
    flow.on('data', (b: Buffer) => this.hooks.body(ex, b));
    flow.on('end', () => this.hooks.end(ex));
    flow.on('close', () => this.hooks.close(ex));
    flow.run(() => this.hooks.open(ex, head));
  }

  /** The session ended, or sent an error GOAWAY: the connection goes, its streams with it. */
  private finish(): void {
    if (this.over) return;
    this.over = true;
    tearDown(this.session, this.wire);
    this.hooks.closed();
  }
}

/** Response options: Pipy adds no `date` field (spec §5.3); node's typings miss `sendDate`. */
function noDate(endStream: boolean): ServerStreamResponseOptions {
  return { endStream, sendDate: false } as ServerStreamResponseOptions;
}

/** One request stream and the response written back on it. */
export class H2Exchange {
  /** Owner's per-exchange state (demuxHTTP's sub-pipeline). */
  tag?: unknown;
  private out: OutgoingBody | null = null;
  private head: unknown = null;
  private finished = false;

  constructor(private readonly stream: ServerHttp2Stream, private readonly flow: StreamFlow, private readonly bufferSize: number, private readonly headRequest: boolean) {}

  /** The stream's own context group: while it is congested, the stream stops taking data. */
  joinGroup(group: ContextGroup): void {
    this.flow.joinGroup(group);
  }

  get started(): boolean {
    return this.out !== null;
  }

  start(head: unknown): void {
    if (this.out || this.finished) return;
    this.head = head;
    const bodiless = this.headRequest || noContent(statusOf(head));
    this.out = new OutgoingBody(this.bufferSize, bodiless, {
      head: (length, end) => this.respond(length, end || bodiless, bodiless),
      data: (b) => this.writable() && this.flow.write(b),
      end: () => this.writable() && this.stream.end(),
    });
  }

  data(b: Buffer): void {
    if (!this.finished) this.out?.data(b);
  }

  end(): void {
    if (!this.out || this.finished) return;
    this.finished = true;
    this.out.end();
  }

  /**
   * The exchange's pipeline ended. Before a head: an empty 200 (as HTTP/1, spec §5.4). With part of
   * a body: the client must not mistake it for a whole message, so the stream is reset.
   */
  streamEnded(): void {
    if (this.finished) return;
    if (!this.out) this.start({ status: 200 });
    if (this.out!.hadBody) {
      this.finished = true;
      if (!this.stream.destroyed) this.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      return;
    }
    this.end();
  }

  private respond(length: number | null, endStream: boolean, bodiless: boolean): void {
    if (!this.writable() || this.stream.headersSent) return;
    try {
      this.stream.respond(responseFields(this.head, length, bodiless), noDate(endStream));
    } catch {
      // A head node:http2 refuses (say, a field value it cannot encode) fails this stream only.
      this.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    }
  }

  private writable(): boolean {
    return !this.stream.destroyed && !this.stream.closed;
  }
}
