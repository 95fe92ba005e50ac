// WebSocket framing (RFC 6455 §5) as pure code: a streaming frame reader that unmasks payload as
// it arrives, and a frame writer. Messages, fragmentation and control frames are the filters'
// business; here there are only frames.

import { randomBytes } from 'node:crypto';

export interface FrameHeader {
  fin: boolean;
  opcode: number;
  masked: boolean;
  length: number;
}

export interface FrameSink {
  header(h: FrameHeader): void;
  payload(b: Buffer): void;
  /** The frame's payload is complete. */
  end(h: FrameHeader): void;
  /** A length that cannot be honoured (over 2^53, or a control frame over 125 bytes). */
  error(reason: string): void;
}

export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);
  private frame: FrameHeader | null = null;
  private mask: Buffer | null = null;
  private left = 0;
  private offset = 0;
  private failed = false;

  constructor(private readonly sink: FrameSink) {}

  feed(b: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, b]) : b;
    this.pending = Buffer.alloc(0);
    while (!this.failed) {
      if (!this.frame) {
        const used = this.readHeader(buf);
        if (used < 0) return void (this.pending = Buffer.from(buf));
        buf = buf.subarray(used);
        if (this.frame && this.left === 0) this.finishFrame();
        continue;
      }
      if (!buf.length) return;
      const n = Math.min(this.left, buf.length);
      this.sink.payload(this.unmask(buf.subarray(0, n)));
      buf = buf.subarray(n);
      this.left -= n;
      if (this.left === 0) this.finishFrame();
    }
  }

  private readHeader(b: Buffer): number {
    if (b.length < 2) return -1;
    const masked = (b[1] & 0x80) !== 0;
    let len = b[1] & 0x7f;
    let p = 2;
    if (len === 126) {
      if (b.length < 4) return -1;
      len = b.readUInt16BE(2);
      p = 4;
    } else if (len === 127) {
      if (b.length < 10) return -1;
      const big = b.readBigUInt64BE(2);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) return this.fail('frame too long');
      len = Number(big);
      p = 10;
    }
    if (masked && b.length < p + 4) return -1;
    const opcode = b[0] & 0x0f;
    if (opcode >= 8 && len > 125) return this.fail('control frame too long');
    this.mask = masked ? Buffer.from(b.subarray(p, p + 4)) : null;
    this.frame = { fin: (b[0] & 0x80) !== 0, opcode, masked, length: len };
    this.left = len;
    this.offset = 0;
    this.sink.header(this.frame);
    return p + (masked ? 4 : 0);
  }

  private fail(reason: string): number {
    this.failed = true;
    this.sink.error(reason);
    return 0;
  }

  private unmask(b: Buffer): Buffer {
    if (!this.mask) return Buffer.from(b);
    const out = Buffer.allocUnsafe(b.length);
    for (let i = 0; i < b.length; i++) out[i] = b[i] ^ this.mask[(this.offset + i) & 3];
    this.offset += b.length;
    return out;
  }

  private finishFrame(): void {
    const f = this.frame!;
    this.frame = null;
    this.sink.end(f);
  }
}

/** One frame: header, optional mask key, payload (masked when asked). */
export function writeFrame(fin: boolean, opcode: number, masked: boolean, payload: Buffer): Buffer {
  const len = payload.length;
  const ext = len < 126 ? 0 : len < 65536 ? 2 : 8;
  const head = Buffer.alloc(2 + ext + (masked ? 4 : 0));
  head[0] = (fin ? 0x80 : 0) | (opcode & 0x0f);
  head[1] = (masked ? 0x80 : 0) | (ext === 0 ? len : ext === 2 ? 126 : 127);
  if (ext === 2) head.writeUInt16BE(len, 2);
  if (ext === 8) head.writeBigUInt64BE(BigInt(len), 2);
  if (!masked) return Buffer.concat([head, payload]);
  const key = randomBytes(4);
  key.copy(head, 2 + ext);
  const body = Buffer.allocUnsafe(len);
  for (let i = 0; i < len; i++) body[i] = payload[i] ^ key[i & 3];
  return Buffer.concat([head, body]);
}
