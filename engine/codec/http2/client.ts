// The client side of one HTTP/2 connection (spec §5.6), for muxHTTP with `{version: 2}`: requests of
// many streams become HTTP/2 streams of one session spoken with prior knowledge over an in-memory
// FrameWire (the bytes go through the session pipeline, usually `connect`, possibly `connectTLS`).
// node:http2 runs the protocol, for the reasons given in server.ts; nghttp2 also queues requests
// beyond the server's SETTINGS_MAX_CONCURRENT_STREAMS until a stream closes.

import { connect, constants } from 'node:http2';
import type { ClientHttp2Session, ClientHttp2Stream } from 'node:http2';
import type { GuestObject } from '../../../interpreter/index.js';
import { FrameWire } from './wire.js';
import { settings, maxSessionMemory } from './settings.js';
import { requestFields, responseHeadOf } from './heads.js';
import { OutgoingBody } from './outgoing.js';
import { GoawayWatch } from './goaway-watch.js';
import { tearDown } from './teardown.js';
import { StreamFlow } from './stream-flow.js';
import type { ContextGroup } from '../../context.js';
import { trackHttp2Stream } from '../../metrics.js';

const prefaceLength = 24;

export interface H2ClientHooks {
  /** Bytes for the upstream. */
  output(b: Buffer): void;
  /** The server sent GOAWAY: finish what is open, start nothing new here. */
  draining(): void;
  /** The connection is over. */
  closed(): void;
}

/** Where one request's response goes. */
export interface H2ResponseSink {
  head(head: GuestObject): void;
  body(b: Buffer): void;
  end(): void;
  /** The exchange failed; `headSeen` tells whether a response head was already delivered. */
  fail(headSeen: boolean): void;
  /** The requesting stream's group: while it is congested the response stream is paused. */
  readonly group?: ContextGroup;
}

export class H2ClientConnection {
  private readonly wire: FrameWire;
  private readonly session: ClientHttp2Session;
  private over = false;

  /** `group`: the session pipeline's context group, congested while the upstream socket is (see FrameWire). */
  constructor(private readonly bufferSize: number, private readonly hooks: H2ClientHooks, group: ContextGroup | null = null) {
    const watch = new GoawayWatch(() => queueMicrotask(() => this.finish()), prefaceLength);
    this.wire = new FrameWire((b) => {
      if (this.over) return;
      watch.scan(b);
      hooks.output(b);
    }, group);
    // The URL only supplies defaults for `:scheme` and `:authority`; the wire is the transport.
    this.session = connect('http://localhost', { createConnection: () => this.wire, settings, maxSessionMemory });
    this.session.on('error', () => {});
    this.session.on('goaway', () => hooks.draining());
    this.session.on('close', () => this.finish());
  }

  request(sink: H2ResponseSink): H2Request {
    return new H2Request(this.session, this.bufferSize, sink);
  }

  /** Bytes from the upstream. */
  feed(b: Buffer): void {
    this.wire.deliver(b);
  }

  /** The upstream's byte stream ended. */
  end(): void {
    this.wire.close();
  }

  destroy(): void {
    this.over = true;
    if (!this.session.destroyed) this.session.destroy();
    this.wire.destroy();
  }

  /** The session ended, or sent an error GOAWAY because the server broke the protocol. */
  private finish(): void {
    if (this.over) return;
    this.over = true;
    tearDown(this.session, this.wire);
    this.hooks.closed();
  }
}

/** One request stream: its message encoded out, its response decoded back to the sink. */
export class H2Request {
  private stream: ClientHttp2Stream | null = null;
  private flow: StreamFlow | null = null;
  private out: OutgoingBody | null = null;
  private headSeen = false;
  done = false;

  constructor(private readonly session: ClientHttp2Session, private readonly bufferSize: number, private readonly sink: H2ResponseSink) {}

  start(head: unknown): void {
    if (this.out || this.done) return;
    this.out = new OutgoingBody(this.bufferSize, false, {
      head: (length, end) => this.open(head, length, end),
      data: (b) => this.flow?.write(b),
      end: () => this.stream?.end(),
    });
  }

  data(b: Buffer): void {
    if (!this.done) this.out?.data(b);
  }

  end(): void {
    if (!this.done) this.out?.end();
  }

  /** The requesting stream went away: the server is told with RST_STREAM(CANCEL). */
  cancel(): void {
    this.done = true;
    if (this.stream && !this.stream.destroyed) this.stream.close(constants.NGHTTP2_CANCEL);
  }

  /** The connection failed under this exchange. */
  fail(): void {
    if (this.done) return;
    this.done = true;
    this.sink.fail(this.headSeen);
  }

  private open(head: unknown, length: number | null, endStream: boolean): void {
    if (this.session.destroyed || this.session.closed) return this.fail();
    let st: ClientHttp2Stream;
    try {
      st = this.session.request(requestFields(head, length), { endStream });
    } catch {
      return this.fail();
    }
    this.stream = st;
    const flow = (this.flow = new StreamFlow(st));
    if (this.sink.group) flow.joinGroup(this.sink.group);
    trackHttp2Stream(st, 'Client');
    st.on('error', () => {});
    flow.on('response', (_h: unknown, _f: number, raw: string[]) => this.response(flow, raw));
    flow.on('close', () => this.fail());
  }

  /** The body is read only from here: node can emit DATA before it emits the head that preceded it. */
  private response(flow: StreamFlow, raw: string[]): void {
    if (this.done) return;
    this.headSeen = true;
    this.sink.head(responseHeadOf(raw));
    flow.on('data', (b: Buffer) => !this.done && this.sink.body(b));
    flow.on('end', () => this.complete());
  }

  private complete(): void {
    if (this.done || !this.headSeen) return;
    this.done = true;
    this.sink.end();
  }
}
