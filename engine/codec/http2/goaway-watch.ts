// Spotting the GOAWAY a session sends when the peer broke the protocol. nghttp2 writes that frame and
// then stops, but node:http2 keeps a non-socket transport open, so the connection would linger. This
// scanner follows the frame boundaries of the outgoing bytes (9-byte headers, payload skipped) and
// reports a GOAWAY whose error code is not NO_ERROR; the owner then closes the connection.

const headerSize = 9;
const goawayType = 7;

export class GoawayWatch {
  private head = Buffer.alloc(0);
  /** Payload bytes of the current frame still to pass. */
  private skip = 0;
  /** Prefix of a GOAWAY payload being collected (last stream id + error code). */
  private goaway: Buffer | null = null;
  private skipped = 0;
  private reported = false;

  /** `prefix`: bytes before the first frame (a client's 24-byte connection preface). */
  constructor(private readonly onError: (code: number) => void, private prefix = 0) {}

  scan(b: Buffer): void {
    let p = Math.min(this.prefix, b.length);
    this.prefix -= p;
    while (p < b.length && !this.reported) {
      if (this.skip > 0) p += this.payload(b, p);
      else p += this.header(b, p);
    }
  }

  private header(b: Buffer, p: number): number {
    const n = Math.min(headerSize - this.head.length, b.length - p);
    this.head = Buffer.concat([this.head, b.subarray(p, p + n)]);
    if (this.head.length < headerSize) return n;
    this.skip = this.head.readUIntBE(0, 3);
    this.goaway = this.head[3] === goawayType ? Buffer.alloc(0) : null;
    this.skipped = 0;
    this.head = Buffer.alloc(0);
    return n;
  }

  private payload(b: Buffer, p: number): number {
    const n = Math.min(this.skip, b.length - p);
    if (this.goaway && this.skipped < 8) {
      this.goaway = Buffer.concat([this.goaway, b.subarray(p, p + Math.min(n, 8 - this.skipped))]);
      if (this.goaway.length === 8) this.report(this.goaway.readUInt32BE(4));
    }
    this.skip -= n;
    this.skipped += n;
    return n;
  }

  private report(code: number): void {
    if (code === 0) return;
    this.reported = true;
    this.onError(code);
  }
}
