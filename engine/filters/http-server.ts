// The server half shared by serveHTTP and demuxHTTP (spec §5.4): requests decoded from the byte
// stream, one exchange per request, responses encoded strictly in request order (pipelining), the
// connection closed after a final response. Malformed input gets a 400 and the connection closes.

import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, headOf, makeData, makeStreamEnd, makeMessageStart, makeMessageEnd, flush } from '../events.js';
import { HttpDecoder } from '../codec/http/decoder.js';
import type { DecodedHead } from '../codec/http/decoder.js';
import { HttpEncoder } from '../codec/http/encoder.js';
import { responseHead } from './http-common.js';
import { wantsH2c } from '../codec/http2/upgrade.js';

export interface Exchange {
  final: boolean;
  bodiless: boolean;
  /** Response events that arrived before this exchange reached the head of the queue. */
  held: Event[];
  /** Response head written, body data seen. */
  started: boolean;
  sentBody: boolean;
  done: boolean;
  /** Owner's per-exchange state (demuxHTTP's sub-pipeline). */
  tag?: unknown;
  /** CONNECT or a WebSocket upgrade: after an accepting response both ways become raw bytes. */
  tunnel?: boolean;
  accepted?: boolean;
}

export interface ServerHooks {
  open(ex: Exchange, head: DecodedHead): void;
  body(ex: Exchange, buf: Buffer): void;
  end(ex: Exchange): void;
  /** An exchange's response is complete and written: release what it holds. */
  close(ex: Exchange): void;
  /** The client closed a tunnel: pass its end on (default: close the exchange). */
  streamEnd?(ex: Exchange): void;
  /**
   * A bodiless first request with `upgrade: h2c` (spec §5.6): the owner may take the connection over
   * and return where the bytes after the request go; without this hook the request is plain HTTP/1.
   */
  h2c?(head: DecodedHead['head']): ((b: Buffer) => void) | null;
}

export class HttpServer {
  private decoder: HttpDecoder;
  private readonly encoder: HttpEncoder;
  private queue: Exchange[] = [];
  private current: Exchange | null = null;
  private closed = false;
  private inputEnded = false;
  /** The exchange whose request opened a tunnel, and (once accepted) whose response is one. */
  private tunnelIn: Exchange | null = null;
  private tunnelOut: Exchange | null = null;
  /** Set once an h2c upgrade took the connection: every later byte is the HTTP/2 connection's. */
  private diverted: ((b: Buffer) => void) | null = null;

  constructor(bufferSize: number, private readonly hooks: ServerHooks, private readonly out: (e: Event) => void) {
    this.encoder = new HttpEncoder(true, bufferSize, (b) => this.out(makeData(b)));
    this.decoder = this.makeDecoder();
  }

  private makeDecoder(): HttpDecoder {
    return new HttpDecoder(false, {
      head: (h) => this.opened(h),
      body: (b) => this.current && this.hooks.body(this.current, b),
      end: () => this.ended(),
      error: () => this.badRequest(),
      tunnel: (b) => this.tunnelBytes(b),
    });
  }

  reset(): void {
    for (const ex of this.queue) this.hooks.close(ex);
    this.queue = [];
    this.current = null;
    this.closed = false;
    this.inputEnded = false;
    this.tunnelIn = this.tunnelOut = null;
    this.diverted = null;
    this.encoder.abort();
    this.decoder = this.makeDecoder();
  }

  /** Input from the client connection. */
  input(evt: Event): void {
    if (this.closed) return;
    if (isData(evt)) return this.decoder.feed(bufferOf(evt));
    if (isStreamEnd(evt)) {
      if (this.tunnelIn && !this.tunnelIn.done) return this.endTunnel(this.tunnelIn);
      this.inputEnded = true;
      if (!this.queue.length) this.finish();
    }
  }

  private opened(h: DecodedHead): void {
    if (this.upgradeH2c(h)) return;
    const ex: Exchange = { final: h.final, bodiless: h.method === 'HEAD', held: [], started: false, sentBody: false, done: false, tunnel: h.tunnel };
    if (h.tunnel) this.tunnelIn = ex;
    this.queue.push(ex);
    this.current = ex;
    this.hooks.open(ex, h);
  }

  /** Only a first request can switch: nothing may be queued in HTTP/1 ahead of stream 1. */
  private upgradeH2c(h: DecodedHead): boolean {
    if (!this.hooks.h2c || this.queue.length || h.tunnel || !wantsH2c(h.head)) return false;
    this.diverted = this.hooks.h2c(h.head);
    return this.diverted !== null;
  }

  private ended(): void {
    if (this.diverted) return this.decoder.divert();
    const ex = this.current;
    this.current = null;
    if (ex) this.hooks.end(ex);
  }

  /** Not HTTP: answer 400 after what is already queued, then close. */
  private badRequest(): void {
    // A request cut by the bad input can never be answered: drop it so the 400 is not stuck behind it.
    const cut = this.current;
    this.current = null;
    if (cut) {
      this.queue.splice(this.queue.indexOf(cut), 1);
      cut.done = true;
      this.hooks.close(cut);
    }
    const ex: Exchange = { final: true, bodiless: false, held: [], started: false, sentBody: false, done: false };
    this.queue.push(ex);
    this.respond(ex, makeMessageStart(responseHead(400, 'Bad Request')));
    this.respond(ex, makeMessageEnd());
  }

  /** A response event of an exchange; written now if it is the oldest one, else held. */
  respond(ex: Exchange, evt: Event): void {
    if (ex.done || this.closed) return;
    if (this.queue[0] !== ex) return void ex.held.push(evt);
    this.write(ex, evt);
  }

  private write(ex: Exchange, evt: Event): void {
    if (this.tunnelOut === ex) return this.writeTunnel(ex, evt);
    if (isMessageStart(evt)) {
      if (ex.started) return;
      ex.started = true;
      if (ex.tunnel) this.acceptTunnel(ex, headOf(evt));
      this.encoder.start(headOf(evt), { final: ex.final, bodiless: ex.bodiless });
    } else if (isData(evt)) {
      if (!ex.started) return;
      const b = bufferOf(evt);
      if (b.length) ex.sentBody = true;
      this.encoder.data(b);
    } else if (isMessageEnd(evt)) {
      if (ex.started) this.complete(ex);
    } else if (isStreamEnd(evt)) this.streamEnded(ex);
  }

  /**
   * The exchange's pipeline ended. Before any response: an empty 200 (§5.4). After a head with no
   * body yet (a synthetic error response): complete it. Mid-body: the client sees a cut, never a
   * complete-looking message, so the connection closes.
   */
  private streamEnded(ex: Exchange): void {
    if (!ex.started) {
      ex.started = true;
      this.encoder.start(responseHead(200, 'OK'), { final: ex.final, bodiless: ex.bodiless });
    } else if (ex.sentBody) {
      this.encoder.abort();
      ex.final = true;
      this.out(makeStreamEnd('ConnectionReset'));
      return this.shut();
    }
    this.complete(ex);
  }

  private complete(ex: Exchange): void {
    this.encoder.end();
    if (ex.accepted) {
      this.tunnelOut = ex;
      return this.out(flush());
    }
    ex.done = true;
    this.queue.shift();
    this.hooks.close(ex);
    if (ex.final) {
      this.out(makeStreamEnd());
      return this.shut();
    }
    this.out(flush());
    this.next();
  }

  private next(): void {
    const ex = this.queue[0];
    if (!ex) {
      if (this.inputEnded) this.finish();
      return;
    }
    const held = ex.held;
    ex.held = [];
    for (const e of held) this.respond(ex, e);
  }

  private finish(): void {
    if (this.closed) return;
    this.out(makeStreamEnd());
    this.shut();
  }

  private shut(): void {
    this.closed = true;
    for (const ex of this.queue) this.hooks.close(ex);
    this.queue = [];
  }

  // ---- tunnels (CONNECT, WebSocket upgrades) ----------------------------------------------------

  /** 101 for an upgrade, 2xx for CONNECT opens the tunnel; anything else ends the connection after it. */
  private acceptTunnel(ex: Exchange, head: unknown): void {
    const status = Number((head as Record<string, unknown> | null)?.status ?? 200);
    ex.accepted = status === 101 || (status >= 200 && status < 300);
    if (!ex.accepted) ex.final = true;
  }

  /** Raw client bytes for the tunnel, each read followed by a flush so they go out at once. */
  private tunnelBytes(b: Buffer): void {
    if (this.diverted) return this.diverted(b);
    if (!this.tunnelIn) return;
    this.hooks.body(this.tunnelIn, b);
    this.hooks.body(this.tunnelIn, Buffer.alloc(0));
  }

  private writeTunnel(ex: Exchange, evt: Event): void {
    if (isData(evt)) this.out(evt);
    else if (isStreamEnd(evt)) {
      this.out(makeStreamEnd());
      this.shut();
    }
  }

  private endTunnel(ex: Exchange): void {
    if (this.hooks.streamEnd) this.hooks.streamEnd(ex);
    else this.shut();
  }

  get idle(): boolean {
    return this.queue.length === 0;
  }
}

export { isMessageEnd };
