// decodeMQTT([options]): MQTT 3.1.1/5 packets in, one message per packet out (spec §4.6). The head
// describes the packet (`type`, flags, per-type fields); a PUBLISH payload is the body. The
// protocol level comes from the stream's CONNECT, or `options.protocolLevel` before one is seen.
// A packet larger than `maxPacketSize` ends the stream rather than being buffered.

import { isCallable } from '../../interpreter/index.js';
import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, makeMessageStart, makeMessageEnd, makeStreamEnd } from '../events.js';
import { optObj, fail } from '../args.js';
import { decodePacket } from '../codec/mqtt/packet.js';
import { rememberLevel, levelOf } from '../codec/mqtt/level.js';
import * as log from '../log.js';

const maxPacketSize = 16 * 1024 * 1024;

export class DecodeMQTT extends Filter {
  readonly name = 'decodeMQTT';
  private buf: Buffer = Buffer.alloc(0);
  private failed = false;

  constructor(private readonly protocolLevel: unknown) {
    super();
  }

  static create(args: unknown[]): DecodeMQTT {
    const o = optObj(args, 0);
    const l = o.protocolLevel;
    if (l !== undefined && l !== null && typeof l !== 'number' && !isCallable(l)) fail('options.protocolLevel expects a number or a function');
    return new DecodeMQTT(l ?? undefined);
  }

  clone(): DecodeMQTT {
    return this.adopt(new DecodeMQTT(this.protocolLevel));
  }

  override reset(): void {
    super.reset();
    this.buf = Buffer.alloc(0);
    this.failed = false;
  }

  protected process(evt: Event): void {
    if (isStreamEnd(evt)) return this.output(evt);
    if (this.failed || !isData(evt) || !evt.size) return;
    this.buf = this.buf.length ? Buffer.concat([this.buf, bufferOf(evt)]) : bufferOf(evt);
    while (!this.failed && this.nextPacket());
  }

  /** Decodes one whole packet from the buffer; false when more bytes are needed. */
  private nextPacket(): boolean {
    const b = this.buf;
    let len = 0;
    let p = 1;
    for (let mul = 1; ; mul *= 128, p++) {
      if (p >= b.length) return false;
      if (p > 4) return this.fail('malformed remaining length');
      len += (b[p] & 127) * mul;
      if (!(b[p] & 128)) break;
    }
    if (len > maxPacketSize) return this.fail(`packet too large (${len} bytes)`);
    if (b.length < p + 1 + len) return false;
    this.buf = b.subarray(p + 1 + len);
    this.emit(b[0] >> 4, b[0] & 15, b.subarray(p + 1, p + 1 + len));
    return true;
  }

  private emit(type: number, flags: number, body: Buffer): void {
    let packet;
    try {
      packet = decodePacket(type, flags, body, this.level());
    } catch (e) {
      return void this.fail((e as Error).message);
    }
    if (type === 1) rememberLevel(this.context, packet.head.protocolLevel as number);
    this.output(makeMessageStart(packet.head));
    if (packet.payload?.length) this.output(makeData(packet.payload));
    this.output(makeMessageEnd());
  }

  private level(): number {
    const known = levelOf(this.context);
    if (known !== undefined) return known;
    const v = Number(this.evalParam(this.protocolLevel) ?? 4);
    return Number.isFinite(v) ? v : 4;
  }

  private fail(reason: string): false {
    log.error(`[decodeMQTT] ${reason}`);
    this.failed = true;
    this.output(makeStreamEnd('ReadError'));
    return false;
  }
}
