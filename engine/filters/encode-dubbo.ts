// encodeDubbo([head]): messages in, Dubbo frames out (spec §4.6). The frame header comes from the
// `head` argument (an object or a function of nothing) or else the message head; missing fields
// default to an id counting up per stream, status 0, a two-way request, not an event.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, headOf, makeData, flush } from '../events.js';
import { writeHeader, hessian2 } from '../codec/dubbo/header.js';

export class EncodeDubbo extends Filter {
  readonly name = 'encodeDubbo';
  private head: Record<string, unknown> | null = null;
  private body: Buffer[] = [];
  private lastId = 0n;

  constructor(private readonly headParam: unknown) {
    super();
  }

  static create(args: unknown[]): EncodeDubbo {
    return new EncodeDubbo(args[0] ?? undefined);
  }

  clone(): EncodeDubbo {
    return this.adopt(new EncodeDubbo(this.headParam));
  }

  override reset(): void {
    super.reset();
    Object.assign(this, { head: null, body: [], lastId: 0n });
  }

  protected process(evt: Event): void {
    if (isMessageStart(evt)) {
      const given = this.evalParam(this.headParam) ?? headOf(evt);
      this.head = (typeof given === 'object' && given !== null ? given : {}) as Record<string, unknown>;
      this.body = [];
    } else if (isData(evt) && this.head) this.body.push(bufferOf(evt));
    else if (isMessageEnd(evt) && this.head) this.encode();
    else if (isStreamEnd(evt)) this.output(evt);
  }

  private encode(): void {
    const h = this.head!;
    this.head = null;
    const body = Buffer.concat(this.body);
    this.body = [];
    const flag = (v: unknown, dflt: boolean) => (v === undefined || v === null ? dflt : !!v);
    const header = writeHeader({
      id: this.idOf(h.id),
      status: Number(h.status ?? 0) || 0,
      isRequest: flag(h.isRequest, true),
      isTwoWay: flag(h.isTwoWay, true),
      isEvent: flag(h.isEvent, false),
      serialization: hessian2,
      length: body.length,
    });
    this.output(makeData(Buffer.concat([header, body])));
    this.output(flush());
  }

  private idOf(v: unknown): bigint {
    if (v !== undefined && v !== null) {
      try {
        return BigInt(typeof v === 'number' ? Math.trunc(v) : String(v));
      } catch {
        // not a number: fall back to the counter
      }
    }
    return ++this.lastId;
  }
}
