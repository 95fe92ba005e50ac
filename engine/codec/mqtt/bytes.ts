// Byte-level reading and writing of MQTT's field types (OASIS MQTT 3.1.1 §1.5, 5.0 §1.5):
// big-endian integers, variable byte integers, length-prefixed strings and binary data.

export class MqttReader {
  p = 0;
  constructor(readonly b: Buffer) {}

  get left(): number {
    return this.b.length - this.p;
  }

  byte(): number {
    if (this.p >= this.b.length) throw new RangeError('packet too short');
    return this.b[this.p++];
  }

  u16(): number {
    return (this.byte() << 8) | this.byte();
  }

  u32(): number {
    return this.u16() * 65536 + this.u16();
  }

  varint(): number {
    let n = 0;
    for (let i = 0, mul = 1; i < 4; i++, mul *= 128) {
      const x = this.byte();
      n += (x & 127) * mul;
      if (!(x & 128)) return n;
    }
    throw new RangeError('malformed variable byte integer');
  }

  binary(): Buffer {
    const n = this.u16();
    if (n > this.left) throw new RangeError('packet too short');
    const out = this.b.subarray(this.p, this.p + n);
    this.p += n;
    return Buffer.from(out);
  }

  string(): string {
    return this.binary().toString('utf8');
  }

  rest(): Buffer {
    const out = this.b.subarray(this.p);
    this.p = this.b.length;
    return Buffer.from(out);
  }
}

export class MqttWriter {
  private parts: Buffer[] = [];

  byte(n: number): this {
    this.parts.push(Buffer.from([n & 255]));
    return this;
  }

  u16(n: number): this {
    this.parts.push(Buffer.from([(n >> 8) & 255, n & 255]));
    return this;
  }

  u32(n: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    this.parts.push(b);
    return this;
  }

  varint(n: number): this {
    this.parts.push(varintBytes(n));
    return this;
  }

  binary(b: Buffer): this {
    return this.u16(b.length).raw(b);
  }

  string(s: string): this {
    return this.binary(Buffer.from(s, 'utf8'));
  }

  raw(b: Buffer): this {
    this.parts.push(b);
    return this;
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export function varintBytes(n: number): Buffer {
  const out: number[] = [];
  do {
    let x = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) x |= 128;
    out.push(x);
  } while (n > 0);
  return Buffer.from(out);
}
