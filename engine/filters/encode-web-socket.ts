// encodeWebSocket(): messages in, WebSocket frames out (spec §4.6). The head gives `opcode`
// (default 1, text) and `masked` (default false; clients must mask). Bodies go out in frames of at
// most 16 KiB as they arrive: the first carries the opcode, the rest are continuations, and the
// last one, sent at MessageEnd, has FIN set.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, headOf, makeData, flush } from '../events.js';
import { writeFrame } from '../codec/websocket/frames.js';

const frameSize = 16 * 1024;

export class EncodeWebSocket extends Filter {
  readonly name = 'encodeWebSocket';
  private open = false;
  private opcode = 1;
  private masked = false;
  private first = true;
  private body: Buffer[] = [];
  private size = 0;

  static create(): EncodeWebSocket {
    return new EncodeWebSocket();
  }

  clone(): EncodeWebSocket {
    return this.adopt(new EncodeWebSocket());
  }

  override reset(): void {
    super.reset();
    Object.assign(this, { open: false, first: true, body: [], size: 0 });
  }

  protected process(evt: Event): void {
    if (isMessageStart(evt)) this.start(headOf(evt) as Record<string, unknown> | null);
    else if (isData(evt) && this.open) this.add(bufferOf(evt));
    else if (isMessageEnd(evt) && this.open) this.end();
    else if (isStreamEnd(evt)) this.output(evt);
  }

  private start(head: Record<string, unknown> | null): void {
    const op = Number(head?.opcode ?? 1);
    Object.assign(this, { open: true, first: true, body: [], size: 0, opcode: Number.isInteger(op) ? op & 0x0f : 1, masked: head?.masked === true });
  }

  private add(b: Buffer): void {
    if (!b.length) return;
    this.body.push(b);
    this.size += b.length;
    // Keep at least one byte back so the FIN frame is never empty when it need not be.
    while (this.size > frameSize) this.emit(false, this.takeFrame());
  }

  /**
   * The next frame's bytes, taken from the front of the pending chunks. Only those bytes are ever
   * copied (and only when they span chunks): copying the rest each time made a large Data quadratic.
   */
  private takeFrame(): Buffer {
    const parts: Buffer[] = [];
    let need = frameSize;
    let used = 0;
    while (need > 0) {
      const b = this.body[used];
      if (b.length > need) {
        parts.push(b.subarray(0, need));
        this.body[used] = b.subarray(need);
        break;
      }
      parts.push(b);
      need -= b.length;
      used++;
    }
    this.body.splice(0, used);
    this.size -= frameSize;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, frameSize);
  }

  private end(): void {
    this.emit(true, Buffer.concat(this.body));
    this.open = false;
    this.body = [];
    this.size = 0;
    this.output(flush());
  }

  private emit(fin: boolean, payload: Buffer): void {
    this.output(makeData(writeFrame(fin, this.first ? this.opcode : 0, this.masked, payload)));
    this.first = false;
  }
}
