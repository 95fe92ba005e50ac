// encodeMQTT(): messages whose head describes an MQTT packet in, packet bytes out (spec §4.6).
// A PUBLISH takes its payload from the body. The protocol level is the head's own (CONNECT), else
// the one learnt from this connection's CONNECT, else 4 (MQTT 3.1.1).

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, headOf, makeData, flush } from '../events.js';
import { encodePacket } from '../codec/mqtt/packet.js';
import { rememberLevel, levelOf } from '../codec/mqtt/level.js';
import * as log from '../log.js';

export class EncodeMQTT extends Filter {
  readonly name = 'encodeMQTT';
  private head: Record<string, unknown> | null = null;
  private body: Buffer[] = [];

  static create(): EncodeMQTT {
    return new EncodeMQTT();
  }

  clone(): EncodeMQTT {
    return this.adopt(new EncodeMQTT());
  }

  override reset(): void {
    super.reset();
    this.head = null;
    this.body = [];
  }

  protected process(evt: Event): void {
    if (isMessageStart(evt)) {
      this.head = (headOf(evt) ?? {}) as Record<string, unknown>;
      this.body = [];
    } else if (isData(evt) && this.head) this.body.push(bufferOf(evt));
    else if (isMessageEnd(evt) && this.head) this.encode();
    else if (isStreamEnd(evt)) this.output(evt);
  }

  private encode(): void {
    const head = this.head!;
    this.head = null;
    if (head.type === 'CONNECT' && head.protocolLevel !== undefined) rememberLevel(this.context, Number(head.protocolLevel));
    const bytes = encodePacket(head, Buffer.concat(this.body), levelOf(this.context) ?? 4);
    this.body = [];
    if (typeof bytes === 'string') return log.error(`[encodeMQTT] ${bytes}`);
    this.output(makeData(bytes));
    this.output(flush());
  }
}
