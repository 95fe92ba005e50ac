// decodeWebSocket(): WebSocket frames in, messages out (spec §4.6). A message's head is
// `{opcode, masked}` from its first frame; continuation frames add to its body and the FIN frame
// ends it. Payload comes out unmasked as it arrives. Control frames (ping, pong, close) come out
// as messages of their own: answering them is the script's business.

import { GuestObject } from '../../interpreter/index.js';
import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, makeMessageStart, makeMessageEnd, makeStreamEnd } from '../events.js';
import { FrameReader } from '../codec/websocket/frames.js';
import type { FrameHeader } from '../codec/websocket/frames.js';
import * as log from '../log.js';

export class DecodeWebSocket extends Filter {
  readonly name = 'decodeWebSocket';
  private reader = this.newReader();
  /** A data message is open across frames (fragmentation). */
  private inMessage = false;

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
  }

  protected process(evt: Event): void {
    if (isData(evt)) {
      if (evt.size) this.reader.feed(bufferOf(evt));
    } else if (isStreamEnd(evt)) {
      if (this.inMessage) this.output(makeMessageEnd());
      this.output(evt);
    }
  }

  private newReader(): FrameReader {
    return new FrameReader({
      header: (h) => this.frameStarted(h),
      payload: (b) => this.output(makeData(b)),
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
    this.output(makeMessageStart(head));
    if (h.opcode < 8) this.inMessage = true;
  }

  private frameEnded(h: FrameHeader): void {
    if (h.opcode >= 8) return this.output(makeMessageEnd());
    if (!h.fin) return;
    this.inMessage = false;
    this.output(makeMessageEnd());
  }
}
