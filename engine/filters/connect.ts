// connect(target, [options]): the outbound side (spec §4.2, §6.3). The connection opens lazily on the
// first event; Data is queued until connected; what the peer sends comes out as Data + an empty Data,
// and its end as a StreamEnd whose error says why (refused, reset, timeouts...). Every delivery also
// notifies the context group, which is what `wait` listens to.

import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, isMessageEnd, bufferOf, makeData, flush, makeStreamEnd } from '../events.js';
import type { Reader } from '../context.js';
import { fromInput, inputSource } from '../context.js';
import { need, optObj, numOrStr } from '../args.js';
import { parseSeconds, parseSize } from '../units.js';
import { IdleTimer } from '../net/idle-timer.js';
import { streamErrorFromNode, connectErrorText } from '../errors.js';
import type { StreamErrorName } from '../errors.js';
import { highWater } from '../net/inbound.js';
import { trackOutbound, untrackOutbound } from '../metrics.js';
import * as log from '../log.js';

interface ConnectOptions {
  bufferLimit: number;
  retryCount: number;
  retryDelay: number;
  connectTimeout: number;
  readTimeout: number;
  writeTimeout: number;
  idleTimeout: number;
}

let lastOutboundId = 0;

export class Connect extends Filter implements Reader {
  readonly name = 'connect';
  private socket: Socket | null = null;
  private connected = false;
  private queue: Buffer[] = [];
  private queued = 0;
  private overflow = 0;
  private ending = false;
  private done = false;
  private retries = 0;
  private host = '';
  private port = 0;
  private congested = false;
  /** A flush is scheduled for the end of this event-loop turn. */
  private flushing = false;
  private receivedBuf: Buffer | null = null;
  private timers: NodeJS.Timeout[] = [];
  private writeTimer: NodeJS.Timeout | null = null;
  private idleTimer: IdleTimer | null = null;
  /**
   * Sockets paused for feeding this connection faster than it drains: the one filling the queue
   * before the connection is up, and, while it is congested, any feeder outside this context's
   * group (streams of other connections sharing a muxHTTP session, other HTTP/2 streams), which
   * the group's congestion does not reach.
   */
  private heldFeeders: Set<Reader> | null = null;
  private readonly id = ++lastOutboundId;

  constructor(private readonly target: unknown, private readonly options: ConnectOptions) {
    super();
  }

  static create(args: unknown[]): Connect {
    need(args, 1);
    const o = optObj(args, 1);
    const sec = (k: string, d: number) => (numOrStr(o, k) === undefined ? d : parseSeconds(o[k]));
    const retryCount = o.retryCount === undefined || o.retryCount === null ? 0 : Number(o.retryCount);
    return new Connect(args[0], {
      bufferLimit: numOrStr(o, 'bufferLimit') === undefined ? 0 : parseSize(o.bufferLimit),
      retryCount,
      retryDelay: sec('retryDelay', 0),
      connectTimeout: sec('connectTimeout', 0),
      readTimeout: sec('readTimeout', 0),
      writeTimeout: sec('writeTimeout', 0),
      idleTimeout: sec('idleTimeout', 60),
    });
  }

  clone(): Connect {
    return this.adopt(new Connect(this.target, this.options));
  }

  override reset(): void {
    super.reset();
    this.teardown();
    Object.assign(this, { connected: false, queue: [], queued: 0, overflow: 0, ending: false, done: false, retries: 0 });
  }

  override shutdown(): void {
    this.teardown();
  }

  protected process(evt: Event): void {
    if (!this.socket && !this.done && !this.open()) return;
    if (isData(evt)) {
      if (evt.size) this.send(bufferOf(evt), false);
      else this.send(null, true);
    }
    else if (isMessageEnd(evt)) this.send(null, true);
    else if (isStreamEnd(evt)) this.endOutput();
  }

  // ---- connecting --------------------------------------------------------------------------------

  private open(): boolean {
    const t = String(this.evalParam(this.target) ?? '');
    const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(t);
    if (!m || Number(m[3]) > 65535) {
      log.error(`[connect] invalid target: ${t}`);
      this.done = true;
      return false;
    }
    const host = m[1] ?? m[2];
    this.host = host === 'localhost' ? '127.0.0.1' : host;
    this.port = Number(m[3]);
    this.dial();
    return true;
  }

  private dial(): void {
    const s = netConnect({ host: this.host, port: this.port });
    this.socket = s;
    trackOutbound(s, this.host, this.port);
    s.setNoDelay(true);
    const ct = this.options.connectTimeout;
    if (ct > 0) this.timer(ct, () => !this.connected && this.connectFailed({ code: 'ETIMEDOUT' } as NodeJS.ErrnoException));
    s.once('connect', () => this.onConnect());
    s.on('data', (b) => this.received(b));
    s.on('end', () => this.closed(''));
    s.on('error', (e) => (this.connected ? this.closed(streamErrorFromNode(e, 'read')) : this.connectFailed(e)));
    s.on('drain', () => this.drained());
  }

  private onConnect(): void {
    this.connected = true;
    this.clearTimers();
    this.releaseFeeders();
    this.context.group.addReader(this);
    const s = this.socket!;
    const idle = this.options.idleTimeout;
    if (idle > 0) {
      this.idleTimer = new IdleTimer(idle * 1000, () => this.closed('IdleTimeout'));
      this.idleTimer.start();
    }
    this.armReadTimer();
    this.flushQueue();
    if (this.ending) s.end();
  }

  private connectFailed(e: NodeJS.ErrnoException): void {
    const error = streamErrorFromNode(e, 'connect');
    this.socket?.destroy();
    this.socket = null;
    log.error(`${this.logPrefix()} ${error === 'CannotResolve' ? 'cannot resolve hostname: ' + e.message : 'cannot connect: ' + connectErrorText(e)}`);
    const max = this.options.retryCount;
    if (max < 0 || this.retries < max) {
      this.retries++;
      log.warn(`${this.logPrefix()} retry connecting... (retries = ${this.retries})`);
      this.timer(this.options.retryDelay, () => !this.done && this.dial());
      return;
    }
    this.finish(error === 'ConnectionTimeout' ? 'ConnectionTimeout' : error);
  }

  private logPrefix(): string {
    const s = this.socket;
    const local = s?.localAddress ? `[${s.localAddress}]:${s.localPort}` : '[]:0';
    return `[outbound 0x${this.id.toString(16)}] ${local} -> [${this.host}]:${this.port} (${this.host})`;
  }

  // ---- sending -----------------------------------------------------------------------------------

  /**
   * A flush does not write at once: every flush of one event-loop turn (say, requests of many
   * clients onto one shared upstream connection) goes out in one write, after the turn's I/O.
   * A queue past 16 KiB is written at once, and so is the rest when the stream ends.
   */
  private send(buf: Buffer | null, now: boolean): void {
    if (buf && buf.length) this.enqueue(buf);
    if (!this.connected) return;
    if (this.queued >= 16384 || (now && this.overflow)) this.flushQueue();
    else if (now && this.queue.length && !this.flushing) {
      this.flushing = true;
      setImmediate(this.flushLater);
    }
  }

  private readonly flushLater = (): void => {
    this.flushing = false;
    if (this.connected) this.flushQueue();
  };

  private enqueue(buf: Buffer): void {
    const limit = this.options.bufferLimit;
    if (limit > 0 && this.queued + (this.socket?.writableLength ?? 0) + buf.length > limit) {
      if (!this.overflow) log.error(`Outbound: 0x${this.id.toString(16)} to host = ${this.host} port = ${this.port} buffer overflow, size = ${this.queued}`);
      this.overflow += buf.length;
      return;
    }
    this.queue.push(buf);
    this.queued += buf.length;
    // Before the connection is up nothing drains the queue: stop reading the socket filling it.
    if (this.congested || (!this.connected && this.queued > highWater)) this.holdFeeder();
  }

  private holdFeeder(): void {
    const r = inputSource();
    if (!r || r === this || this.heldFeeders?.has(r)) return;
    (this.heldFeeders ??= new Set()).add(r);
    r.pause();
  }

  private releaseFeeders(): void {
    const held = this.heldFeeders;
    this.heldFeeders = null;
    for (const r of held ?? []) r.resume();
  }

  private flushQueue(): void {
    const s = this.socket;
    if (!s || !this.queue.length) return;
    this.idleTimer?.touch();
    const ok = s.write(this.queue.length === 1 ? this.queue[0] : Buffer.concat(this.queue));
    this.queue = [];
    this.queued = 0;
    this.armWriteTimer();
    if (!ok && !this.congested && s.writableLength > highWater) {
      this.congested = true;
      this.holdFeeder();
      this.context.group.congest(this);
    }
    if (this.overflow) this.overflowed();
  }

  private overflowed(): void {
    log.error(`Outbound: 0x${this.id.toString(16)} to host = ${this.host} port = ${this.port} overflowed by ${this.overflow} bytes`);
    this.finish('BufferOverflow');
  }

  private endOutput(): void {
    this.ending = true;
    if (this.connected) {
      this.flushQueue();
      this.socket?.end();
    }
  }

  /** A peer that stops reading gets `writeTimeout` seconds to take what is queued. */
  private armWriteTimer(): void {
    const t = this.options.writeTimeout;
    if (!(t > 0) || this.writeTimer) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = null;
      if ((this.socket?.writableLength ?? 0) > 0) this.closed('WriteTimeout');
    }, t * 1000);
  }

  private drained(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    if (!this.congested) return;
    this.congested = false;
    this.context.group.drain();
    this.releaseFeeders();
  }

  // ---- receiving ---------------------------------------------------------------------------------

  private received(buf: Buffer): void {
    this.armReadTimer();
    this.idleTimer?.touch();
    this.receivedBuf = buf;
    fromInput(this, this.deliver);
    this.context.group.notify();
  }

  /** The read in `receivedBuf` out, then a flush (one function, not a closure per read). */
  private readonly deliver = (): void => {
    const buf = this.receivedBuf!;
    this.receivedBuf = null;
    this.output(makeData(buf));
    this.output(flush());
  };

  private armReadTimer(): void {
    if (this.options.readTimeout > 0) {
      this.clearTimers();
      this.timer(this.options.readTimeout, () => this.closed('ReadTimeout'));
    }
  }

  private closed(error: StreamErrorName): void {
    this.finish(error);
  }

  /** The one way out: the socket goes, a StreamEnd is output once. */
  private finish(error: StreamErrorName): void {
    if (this.done) return;
    this.done = true;
    this.teardown();
    this.output(makeStreamEnd(error));
    this.context.group.notify();
  }

  pause(): void {
    this.socket?.pause();
  }

  resume(): void {
    this.socket?.resume();
  }

  // ---- timers and cleanup ------------------------------------------------------------------------

  private timer(seconds: number, fn: () => void): void {
    this.timers.push(setTimeout(fn, seconds * 1000));
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  private teardown(): void {
    untrackOutbound(this.socket);
    this.clearTimers();
    this.releaseFeeders();
    this.idleTimer?.stop();
    this.idleTimer = null;
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    if (this.congested) this.drained();
    if (this.socket) {
      this.pipeline?.context?.group.removeReader(this);
      this.socket.removeAllListeners();
      this.socket.on('error', () => {});
      this.socket.destroy();
    }
    this.socket = null;
  }
}
