// The byte side of one HTTP/2 session as an in-memory Duplex. node:http2 accepts any Duplex as its
// transport (it wraps it the way it wraps a socket), so a session can sit between two event streams:
// what it writes leaves through `send` (the filter makes Data events of it), what the filter
// receives is pushed in with `deliver`.

import { Duplex } from 'node:stream';

export class FrameWire extends Duplex {
  constructor(private readonly send: (b: Buffer) => void) {
    super();
  }

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.send(chunk);
    cb();
  }

  override _writev(chunks: { chunk: Buffer }[], cb: (e?: Error | null) => void): void {
    this.send(chunks.length === 1 ? chunks[0].chunk : Buffer.concat(chunks.map((c) => c.chunk)));
    cb();
  }

  deliver(b: Buffer): void {
    if (b.length && !this.readableEnded && !this.destroyed) this.push(b);
  }

  /** The peer's byte stream ended. */
  close(): void {
    if (!this.readableEnded && !this.destroyed) this.push(null);
  }
}
