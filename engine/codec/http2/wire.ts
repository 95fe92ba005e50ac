// The byte side of one HTTP/2 session as an in-memory Duplex. node:http2 accepts any Duplex as its
// transport (it wraps it the way it wraps a socket), so a session can sit between two event streams:
// what it writes leaves through `send` (the filter makes Data events of it), what the filter
// receives is pushed in with `deliver`.
//
// Back-pressure: the wire is a Reader of the connection's context group. While the group is
// congested (the socket under the session has too much queued, say) the write in hand completes
// only when the group drains, and node:http2 writes nothing more meanwhile: without this the session
// would go on pouring into that socket whatever the peer's flow-control windows allow, however large
// they are. What the streams then keep waits in their own queues, held back by their backlogs (see
// StreamFlow). node:http2 also stops reading its transport while one of its writes is under way:
// bytes it is not taking hold back the reader that delivers them.

import { Duplex } from 'node:stream';
import type { ContextGroup, Reader } from '../../context.js';
import { inputSource } from '../../context.js';

export class FrameWire extends Duplex {
  private gated = false;
  /** The callback of the write in hand, held while the group is congested. */
  private heldWrite: (() => void) | null = null;
  /** The reader that fed bytes the session was not taking, paused until it asks for more. */
  private heldInput: Reader | null = null;

  /** The wire's place in the group (Duplex has a pause and resume of its own, for its readable side). */
  private readonly gate: Reader = {
    pause: () => void (this.gated = true),
    resume: () => {
      this.gated = false;
      const done = this.heldWrite;
      this.heldWrite = null;
      done?.();
    },
  };

  constructor(private readonly send: (b: Buffer) => void, private readonly group: ContextGroup | null = null) {
    super();
    group?.addReader(this.gate);
  }

  override _read(): void {
    const r = this.heldInput;
    this.heldInput = null;
    r?.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.send(chunk);
    this.wrote(cb);
  }

  override _writev(chunks: { chunk: Buffer }[], cb: (e?: Error | null) => void): void {
    this.send(chunks.length === 1 ? chunks[0].chunk : Buffer.concat(chunks.map((c) => c.chunk)));
    this.wrote(cb);
  }

  /** `send` may have congested the group: the write then completes when it drains. */
  private wrote(cb: () => void): void {
    if (this.gated && !this.destroyed) this.heldWrite = cb;
    else cb();
  }

  override _destroy(e: Error | null, cb: (e?: Error | null) => void): void {
    this.group?.removeReader(this.gate);
    this.heldWrite = null;
    this._read();
    cb(e);
  }

  deliver(b: Buffer): void {
    if (!b.length || this.readableEnded || this.destroyed) return;
    if (!this.push(b) && !this.heldInput) (this.heldInput = inputSource())?.pause();
  }

  /** The peer's byte stream ended. */
  close(): void {
    if (!this.readableEnded && !this.destroyed) this.push(null);
  }
}
