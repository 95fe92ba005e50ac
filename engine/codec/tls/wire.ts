// The ciphertext side of a node:tls socket, as a Duplex that is not a socket: what TLS writes goes
// to `send` (the filter turns it into Data events), what the filter receives is pushed in with
// `deliver`. This lets one TLSSocket sit between two event streams instead of a file descriptor.

import { Duplex } from 'node:stream';

export class CipherWire extends Duplex {
  constructor(private readonly send: (b: Buffer) => void, private readonly finished: () => void) {
    super();
  }

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.send(chunk);
    cb();
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.finished();
    cb();
  }

  deliver(b: Buffer): void {
    if (b.length && !this.readableEnded) this.push(b);
  }

  /** The peer's ciphertext stream ended. */
  close(): void {
    if (!this.readableEnded) this.push(null);
  }
}
