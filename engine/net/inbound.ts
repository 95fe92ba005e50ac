// One accepted connection (spec §6.2): a root context with `__inbound`, a pipeline of the listener's
// layout, an empty Data first, then every read as Data + an empty Data. Pipeline output goes back to
// the socket: Data is written (corked until a flush), StreamEnd closes (abruptly when it has an error).

import type { Socket } from 'node:net';
import { HostClass, HostObject, bindHostClass } from '../../interpreter/index.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, isMessageEnd, bufferOf, makeData, flush, makeStreamEnd, errorOf } from '../events.js';
import { StreamContext, fromInput } from '../context.js';
import type { Reader } from '../context.js';
import type { Pipeline, PipelineLayout } from '../pipeline.js';
import type { ListenOptions } from '../configuration.js';
import { streamErrorFromNode } from '../errors.js';
import type { StreamErrorName } from '../errors.js';
import { parseSeconds } from '../units.js';
import { IdleTimer } from './idle-timer.js';

/** A timeout option in milliseconds (0: none). */
function millis(v: unknown): number {
  const s = parseSeconds(v);
  return s > 0 ? s * 1000 : 0;
}

let lastInboundId = 0;
/** Bytes queued for a socket before its family stops reading. */
export const highWater = 256 * 1024;

/** `__inbound` as scripts see it: read-only addresses and a process-wide id (§2.4). */
export class InboundInfo extends HostObject {
  readonly id = ++lastInboundId;
  constructor(readonly socket: Socket) {
    super();
  }
}

const InboundInfoClass = new HostClass({
  name: 'Inbound',
  getters: {
    id: (s: InboundInfo) => s.id,
    remoteAddress: (s: InboundInfo) => s.socket.remoteAddress ?? '',
    remotePort: (s: InboundInfo) => s.socket.remotePort ?? 0,
    localAddress: (s: InboundInfo) => s.socket.localAddress ?? '',
    localPort: (s: InboundInfo) => s.socket.localPort ?? 0,
    destinationAddress: (s: InboundInfo) => s.socket.localAddress ?? '',
    destinationPort: (s: InboundInfo) => s.socket.localPort ?? 0,
  },
});
bindHostClass(InboundInfo, InboundInfoClass);

export class Inbound implements Reader {
  private pipeline: Pipeline | null = null;
  private context: StreamContext | null = null;
  private corked = false;
  private ended = false;
  private congested = false;
  private readTimer: NodeJS.Timeout | null = null;
  private writeTimer: NodeJS.Timeout | null = null;
  private received: Buffer | null = null;
  /** The one Data written since the last flush, not yet given to the socket (see `writeData`). */
  private held: Buffer | null = null;
  private flushScheduled = false;
  /** Inside `deliver`: writes are flushed when it returns, no tick needed. */
  private delivering = false;
  private idleTimer: IdleTimer | null = null;
  private readonly readTimeoutMs: number;
  private readonly writeTimeoutMs: number;

  constructor(
    private readonly socket: Socket,
    private readonly options: ListenOptions,
    private readonly onClose: () => void,
  ) {
    this.readTimeoutMs = millis(options.readTimeout);
    this.writeTimeoutMs = millis(options.writeTimeout);
  }

  start(layout: PipelineLayout, prototypes: unknown[][]): void {
    const info = new InboundInfo(this.socket);
    this.context = StreamContext.create(prototypes, info);
    this.context.group.addReader(this);
    this.pipeline = layout.instantiate(this.context, { input: (e) => this.write(e) });
    this.listen();
    this.pipeline.input(flush());
  }

  private listen(): void {
    const s = this.socket;
    s.setNoDelay(true);
    const idle = millis(this.options.idleTimeout);
    if (idle > 0) {
      this.idleTimer = new IdleTimer(idle, () => this.fail('IdleTimeout'));
      this.idleTimer.start();
    }
    s.on('data', (buf) => this.read(buf));
    s.on('end', () => this.peerEnded());
    s.on('error', (e) => this.fail(streamErrorFromNode(e, 'read')));
    s.on('close', () => this.closed());
    s.on('drain', () => this.drained());
    this.armReadTimer();
  }

  private read(buf: Buffer): void {
    this.armReadTimer();
    this.idleTimer?.touch();
    this.received = buf;
    fromInput(this, this.deliver);
  }

  /** The read in `received` into the pipeline, then a flush (one function, not a closure per read). */
  private readonly deliver = (): void => {
    const buf = this.received!;
    this.received = null;
    this.delivering = true;
    try {
      this.pipeline?.input(makeData(buf));
      this.pipeline?.input(flush());
    } finally {
      this.delivering = false;
    }
    this.flushOut();
  };

  private armReadTimer(): void {
    const t = this.readTimeoutMs;
    if (!(t > 0)) return;
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => this.fail('ReadTimeout'), t);
  }

  private peerEnded(): void {
    if (this.options.closeEOF) this.socket.destroy();
    this.pipeline?.input(makeStreamEnd());
  }

  private fail(error: StreamErrorName): void {
    this.socket.destroy();
    this.pipeline?.input(makeStreamEnd(error));
  }

  /** Pipeline output to the socket. */
  private write(evt: Event): void {
    if (this.ended || this.socket.destroyed) return;
    if (isData(evt)) return evt.size ? this.writeData(bufferOf(evt)) : this.flushOut();
    if (isMessageEnd(evt)) return this.flushOut();
    if (isStreamEnd(evt)) this.end(errorOf(evt));
  }

  /**
   * A response usually goes out as one Data followed by a flush: that one is held and written
   * as it is. Only a second Data before the flush corks the socket, so the writes of one flush
   * leave together. Nothing is held past the current tick, so a long body without flushes still
   * streams and 'drain' can fire.
   */
  private writeData(buf: Buffer): void {
    if (!buf.length) return this.flushOut();
    if (this.held === null && !this.corked) {
      this.held = buf;
      this.scheduleFlush();
      return;
    }
    if (!this.corked) {
      this.socket.cork();
      this.corked = true;
    }
    if (this.held) {
      this.send(this.held);
      this.held = null;
    }
    this.send(buf);
  }

  private send(buf: Buffer): void {
    this.idleTimer?.touch();
    if (!this.socket.write(buf) && !this.congested && this.socket.writableLength > highWater) {
      this.congested = true;
      this.context?.group.congest(this);
    }
    this.armWriteTimer();
  }

  private scheduleFlush(): void {
    if (this.delivering || this.flushScheduled) return;
    this.flushScheduled = true;
    process.nextTick(this.flushLater);
  }

  private readonly flushLater = (): void => {
    this.flushScheduled = false;
    this.flushOut();
  };

  private flushOut(): void {
    if (this.ended || this.socket.destroyed) {
      this.held = null;
      return;
    }
    const held = this.held;
    if (held) {
      this.held = null;
      this.send(held);
    }
    if (!this.corked) return;
    this.corked = false;
    this.socket.uncork();
  }

  /** A client that stops reading gets `writeTimeout` seconds to take what is queued (§6.2). */
  private armWriteTimer(): void {
    const t = this.writeTimeoutMs;
    if (!(t > 0) || this.writeTimer) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = null;
      if (this.socket.writableLength > 0) this.fail('WriteTimeout');
    }, t);
  }

  private end(error: StreamErrorName): void {
    this.flushOut();
    this.ended = true;
    if (error) this.socket.destroy();
    else this.socket.end();
  }

  private drained(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    if (!this.congested) return;
    this.congested = false;
    this.context?.group.drain();
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  private closed(): void {
    if (this.readTimer) clearTimeout(this.readTimer);
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.idleTimer?.stop();
    if (this.congested) this.drained();
    this.context?.group.removeReader(this);
    if (!this.ended) this.pipeline?.input(makeStreamEnd());
    this.pipeline?.release();
    this.pipeline = null;
    this.onClose();
  }

  /** Worker shutdown: an idle connection just closes. */
  close(): void {
    this.socket.end();
  }
}
