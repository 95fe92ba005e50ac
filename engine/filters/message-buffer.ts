// Collects one message at a time (head and body) for the filters that hand whole messages or bodies
// to scripts. Data beyond the size limit is discarded and reported when the message ends (§3.2).

import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, headOf } from '../events.js';
import { parseSize } from '../units.js';
import { fail } from '../args.js';
import * as log from '../log.js';

export class MessageBuffer {
  head: unknown = null;
  open = false;
  private chunks: Buffer[] = [];
  private size = 0;
  private discarded = 0;

  constructor(
    private readonly limit: number,
    private readonly who: string,
  ) {}

  /** Records the event; returns 'start', 'data', 'end' (message complete) or 'other'. */
  take(evt: Event): 'start' | 'data' | 'end' | 'other' {
    if (isMessageStart(evt)) return this.start(headOf(evt));
    if (!this.open) return 'other';
    if (isData(evt)) return this.append(bufferOf(evt));
    if (isMessageEnd(evt) || isStreamEnd(evt)) return 'end';
    return 'other';
  }

  private start(head: unknown): 'start' {
    this.head = head;
    this.open = true;
    this.chunks = [];
    this.size = 0;
    this.discarded = 0;
    return 'start';
  }

  private append(buf: Buffer): 'data' {
    let b = buf;
    if (this.limit > 0 && this.size + b.length > this.limit) {
      const keep = Math.max(0, this.limit - this.size);
      this.discarded += b.length - keep;
      b = b.subarray(0, keep);
    }
    if (b.length) this.chunks.push(b);
    this.size += b.length;
    return 'data';
  }

  /** The complete body; logs what the limit discarded. Closes the message. */
  finish(): Buffer {
    if (this.discarded) {
      log.error(`[${this.who}] ${this.discarded} bytes were discarded due to buffer size limit of ${this.limit}`);
    }
    this.open = false;
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [];
    return body;
  }

  reset(): void {
    this.open = false;
    this.chunks = [];
    this.head = null;
  }
}

/** `([limit,] callback)` argument forms: the callback last, an optional size limit first. */
export function limitAndCallback(args: unknown[]): [number, unknown] {
  if (args.length >= 2) {
    const l = args[0];
    if (typeof l !== 'number' && typeof l !== 'string') fail('argument #1 expects a number or a string');
    return [parseSize(l), args[1]];
  }
  return [-1, args[0]];
}
