// The machinery behind compressMessage/compressHTTP and decompressMessage/decompressHTTP (spec
// §4.5): each message body streams through a node:zlib transform while the head and the end pass
// around it (the head waits for the first body byte, since only a non-empty body is transformed).
// zlib answers asynchronously, so events that arrive while a body is still being flushed wait in
// order behind it. zlib is slower than a socket: a transform with a backlog congests the context
// group, and its output pauses while the group is congested by someone else (see Backlog).
// Decompression is capped: a body inflating past `maxDecompressedSize` is cut with a
// BufferOverflow, so a zip bomb cannot fill memory downstream.

import type { Transform } from 'node:stream';
import { GuestObject } from '../../../interpreter/index.js';
import { Filter } from '../../filter.js';
import type { Event } from '../../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, makeData, makeStreamEnd } from '../../events.js';
import type { MessageStart } from '../../events.js';
import * as log from '../../log.js';
import { Backlog } from '../../backlog.js';

/** Largest body a decompressor may produce (per message). */
export const maxDecompressedSize = 64 * 1024 * 1024;

export abstract class ZlibBodyFilter extends Filter {
  private z: Transform | null = null;
  private backlog: Backlog | null = null;
  private produced = 0;
  /** Events waiting for the current body to finish flushing through zlib. */
  private held: Event[] = [];
  private flushing = false;
  private dead = false;
  private inMessage = false;
  /** zlib failed on this body: the rest of it is dropped. */
  private broken = false;
  private pendingEnd: Event | null = null;
  /** The MessageStart, held until the body shows whether there is anything to transform. */
  private start: MessageStart | null = null;

  /** The transform for this message (or null to pass its body through), and the start to output. */
  protected abstract begin(start: MessageStart): [Transform | null, MessageStart];
  /** Whether the output is capped (decompression). */
  protected abstract readonly capped: boolean;
  protected abstract readonly errorText: string;

  override reset(): void {
    super.reset();
    this.drop();
    Object.assign(this, { produced: 0, held: [], flushing: false, dead: false, inMessage: false, broken: false, pendingEnd: null, start: null });
  }

  override shutdown(): void {
    this.drop();
  }

  protected process(evt: Event): void {
    if (this.dead) return;
    if (this.flushing) this.held.push(evt);
    else this.handle(evt);
  }

  private handle(evt: Event): void {
    if (isMessageStart(evt)) {
      this.inMessage = true;
      this.broken = false;
      this.start = evt;
    } else if (isData(evt)) {
      if (!this.inMessage || this.broken) return;
      if (this.start && evt.size) this.open(this.start);
      if (this.start) return;
      if (!this.z) return this.output(evt);
      this.z.write(bufferOf(evt));
      this.backlog!.wrote();
    } else if (isMessageEnd(evt) || isStreamEnd(evt)) {
      this.inMessage = false;
      if (this.start) this.output(this.start);
      this.start = null;
      if (this.z) this.finish(evt);
      else this.output(evt);
    }
  }

  /**
   * The body's first bytes: only now is the transform chosen, so an empty body (204, 304, HEAD)
   * keeps its head untouched instead of gaining a content-encoding and a compressed nothing.
   */
  private open(evt: MessageStart): void {
    this.start = null;
    const [z, start] = this.begin(evt);
    this.z = z;
    if (z) this.attach(z);
    this.output(start);
  }

  private attach(z: Transform): void {
    this.produced = 0;
    this.backlog = new Backlog(this.context.group, z, { output: z });
    z.on('data', (b: Buffer) => this.z === z && this.produce(b));
    z.on('error', () => this.z === z && this.failed());
  }

  private produce(b: Buffer): void {
    this.produced += b.length;
    if (this.capped && this.produced > maxDecompressedSize) {
      log.error(`[decompress] body exceeds the limit of ${maxDecompressedSize} bytes`);
      this.dead = true;
      this.drop();
      return this.output(makeStreamEnd('BufferOverflow'));
    }
    this.output(makeData(b));
  }

  /** Ends the body: the closing event goes out once zlib has given everything. */
  private finish(end: Event): void {
    const z = this.z!;
    this.flushing = true;
    this.pendingEnd = end;
    z.once('end', () => this.z === z && this.finished());
    z.end();
  }

  private finished(): void {
    const end = this.pendingEnd!;
    this.backlog?.close();
    this.backlog = null;
    this.z = null;
    this.pendingEnd = null;
    this.flushing = false;
    this.output(end);
    const held = this.held;
    this.held = [];
    for (const e of held) this.process(e);
  }

  private failed(): void {
    log.warn(this.errorText);
    this.drop();
    // The body is ruined but the message and the stream go on.
    if (this.flushing) this.finished();
    else this.broken = true;
  }

  private drop(): void {
    const z = this.z;
    this.z = null;
    this.backlog?.close();
    this.backlog = null;
    if (z) {
      z.removeAllListeners();
      z.on('error', () => {});
      z.destroy();
    }
  }
}

/**
 * A copy of a head whose `headers` may be changed: heads are often shared (a fixed Message given
 * to replaceMessage answers every request), so editing the original would leak into later ones.
 */
export function editableHead(start: MessageStart): [Record<string, unknown>, Record<string, unknown>] | null {
  const head = start.head as Record<string, unknown> | null;
  const headers = head?.headers;
  if (!head || typeof headers !== 'object' || headers === null) return null;
  const h = Object.assign(new GuestObject(), head) as Record<string, unknown>;
  h.headers = Object.assign(new GuestObject(), headers);
  return [h, h.headers as Record<string, unknown>];
}
