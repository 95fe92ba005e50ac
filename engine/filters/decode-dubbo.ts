// decodeDubbo(): Dubbo frames in, one message per frame out (spec §4.6). The head is `{id, status,
// isRequest, isTwoWay, isEvent}` with the 64-bit id as a decimal string; the body streams out as
// it arrives. Bytes that do not start with the magic number end the decoding.

import { GuestObject } from '../../interpreter/index.js';
import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, makeMessageStart, makeMessageEnd } from '../events.js';
import { readHeader, headerSize } from '../codec/dubbo/header.js';
import * as log from '../log.js';

export class DecodeDubbo extends Filter {
  readonly name = 'decodeDubbo';
  private pending: Buffer = Buffer.alloc(0);
  /** Body bytes still to come for the open message; -1 between frames. */
  private left = -1;
  private failed = false;

  static create(): DecodeDubbo {
    return new DecodeDubbo();
  }

  clone(): DecodeDubbo {
    return this.adopt(new DecodeDubbo());
  }

  override reset(): void {
    super.reset();
    Object.assign(this, { pending: Buffer.alloc(0), left: -1, failed: false });
  }

  protected process(evt: Event): void {
    if (isStreamEnd(evt)) {
      if (this.left >= 0) this.output(makeMessageEnd());
      return this.output(evt);
    }
    if (this.failed || !isData(evt) || !evt.size) return;
    let b = this.pending.length ? Buffer.concat([this.pending, bufferOf(evt)]) : bufferOf(evt);
    this.pending = Buffer.alloc(0);
    while (b.length && !this.failed) b = this.left < 0 ? this.header(b) : this.body(b);
  }

  private header(b: Buffer): Buffer {
    if (b.length < headerSize) {
      this.pending = Buffer.from(b);
      return Buffer.alloc(0);
    }
    const h = readHeader(b);
    if (!h) {
      log.error('[dubbo] magic number not found');
      this.failed = true;
      return Buffer.alloc(0);
    }
    const head = new GuestObject();
    Object.assign(head, { id: h.id.toString(), status: h.status, isRequest: h.isRequest, isTwoWay: h.isTwoWay, isEvent: h.isEvent });
    this.output(makeMessageStart(head));
    this.left = h.length;
    if (!h.length) this.endMessage();
    return b.subarray(headerSize);
  }

  private body(b: Buffer): Buffer {
    const n = Math.min(this.left, b.length);
    this.output(makeData(Buffer.from(b.subarray(0, n))));
    this.left -= n;
    if (this.left === 0) this.endMessage();
    return b.subarray(n);
  }

  private endMessage(): void {
    this.left = -1;
    this.output(makeMessageEnd());
  }
}
