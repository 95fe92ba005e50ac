// decodeWebSocket(): WebSocket frames in, messages out (spec §4.6). A message's head is
// `{opcode, masked}` from its first frame; continuation frames add to its body and the FIN frame
// ends it. Payload comes out unmasked as it arrives. Control frames (ping, pong, close) come out
// as messages of their own: answering them is the script's business. RFC 6455 lets a control frame
// come between the fragments of a data message; as events cannot interleave two messages, such a
// frame is kept aside (the latest of each opcode, so a flood of pings costs nothing; a peer may
// answer only the latest ping, §5.5.2) and comes out right after the data message ends.

import { GuestObject } from '../../interpreter/index.js';
import { Filter } from '../filter.js';
import type { Event, MessageStart } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, makeMessageStart, makeMessageEnd, makeStreamEnd } from '../events.js';
import { FrameReader } from '../codec/websocket/frames.js';
import type { FrameHeader } from '../codec/websocket/frames.js';
import * as log from '../log.js';

export class DecodeWebSocket extends Filter {
  readonly name = 'decodeWebSocket';
  private reader = this.newReader();
  /** A data message is open across frames (fragmentation). */
  private inMessage = false;
  /** The control frame being read inside a fragmented message. */
  private aside: Aside | null = null;
  /** Control frames read inside the open fragmented message, by opcode, in order of arrival. */
  private deferred = new Map<number, Aside>();

  static create(): DecodeWebSocket {
    return new DecodeWebSocket();
  }

  clone(): DecodeWebSocket {
    return this.adopt(new DecodeWebSocket());
  }

  override reset(): void {
    super.reset();
    this.reader = this.newReader();
    this.inMessage = false;
    this.aside = null;
    this.deferred = new Map();
  }

  protected process(evt: Event): void {
    if (isData(evt)) {
      if (evt.size) this.reader.feed(bufferOf(evt));
    } else if (isStreamEnd(evt)) {
      if (this.inMessage) this.endMessage();
      this.output(evt);
    }
  }

  private newReader(): FrameReader {
    return new FrameReader({
      header: (h) => this.frameStarted(h),
      payload: (b) => this.payload(b),
      end: (h) => this.frameEnded(h),
      error: (reason) => {
        log.error(`[decodeWebSocket] ${reason}`);
        this.output(makeStreamEnd('ReadError'));
      },
    });
  }

  private frameStarted(h: FrameHeader): void {
    const continuation = h.opcode === 0 && this.inMessage;
    if (continuation) return;
    const head = new GuestObject();
    head.opcode = h.opcode;
    head.masked = h.masked;
    const start = makeMessageStart(head);
    if (h.opcode >= 8 && this.inMessage) this.aside = { start, body: [] };
    else this.output(start);
    if (h.opcode < 8) this.inMessage = true;
  }

  /** Payload goes out as it arrives, unless it belongs to a control frame set aside. */
  private payload(b: Buffer): void {
    if (this.aside) this.aside.body.push(b);
    else this.output(makeData(b));
  }

  private frameEnded(h: FrameHeader): void {
    const aside = this.aside;
    if (aside) {
      this.aside = null;
      this.deferred.delete(h.opcode);
      this.deferred.set(h.opcode, aside);
      return;
    }
    if (h.opcode >= 8) return this.output(makeMessageEnd());
    if (h.fin) this.endMessage();
  }

  /** Ends the fragmented data message, then lets out the control frames kept aside meanwhile. */
  private endMessage(): void {
    this.inMessage = false;
    this.output(makeMessageEnd());
    const deferred = [...this.deferred.values()];
    this.deferred.clear();
    for (const { start, body } of deferred) {
      this.output(start);
      if (body.length) this.output(makeData(Buffer.concat(body)));
      this.output(makeMessageEnd());
    }
  }
}

/** A control frame read inside a fragmented message. */
interface Aside {
  start: MessageStart;
  body: Buffer[];
}
