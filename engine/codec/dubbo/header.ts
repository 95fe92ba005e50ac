// The 16-byte Dubbo frame header: magic 0xdabb, a flag byte (request, two-way, event, and the
// serialization id in the low 5 bits), a status byte, a 64-bit request id and a 32-bit body length.

export const headerSize = 16;
/** Hessian 2, the serialization Dubbo uses unless told otherwise. */
export const hessian2 = 2;

export interface DubboHeader {
  id: bigint;
  status: number;
  isRequest: boolean;
  isTwoWay: boolean;
  isEvent: boolean;
  serialization: number;
  length: number;
}

/** The header at the start of `b`, or null when the magic number is wrong. */
export function readHeader(b: Buffer): DubboHeader | null {
  if (b[0] !== 0xda || b[1] !== 0xbb) return null;
  const flags = b[2];
  return {
    isRequest: (flags & 0x80) !== 0,
    isTwoWay: (flags & 0x40) !== 0,
    isEvent: (flags & 0x20) !== 0,
    serialization: flags & 0x1f,
    status: b[3],
    id: b.readBigInt64BE(4),
    length: b.readUInt32BE(12),
  };
}

export function writeHeader(h: DubboHeader): Buffer {
  const b = Buffer.alloc(headerSize);
  b[0] = 0xda;
  b[1] = 0xbb;
  b[2] = (h.isRequest ? 0x80 : 0) | (h.isTwoWay ? 0x40 : 0) | (h.isEvent ? 0x20 : 0) | (h.serialization & 0x1f);
  b[3] = h.status & 255;
  b.writeBigInt64BE(BigInt.asIntN(64, h.id), 4);
  b.writeUInt32BE(h.length, 12);
  return b;
}
