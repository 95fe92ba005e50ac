// A TLS ClientHello reader (RFC 8446 §4.1.2): bytes in, the server names (SNI) and ALPN protocol
// names out. Used by handleTLSClientHello, detectProtocol and acceptTLS, which must know the SNI
// name before choosing a certificate. It never consumes input: callers keep passing their bytes on.

export interface ClientHello {
  serverNames?: string[];
  protocolNames?: string[];
}

/** What `feed` says: a parsed hello, 'more' (not enough bytes yet) or 'fail' (not a ClientHello). */
export type HelloResult = ClientHello | 'more' | 'fail';

const recordHeader = 5;
const maxHello = 64 * 1024;

export class ClientHelloReader {
  private buffered: Buffer[] = [];
  private size = 0;

  feed(buf: Buffer): HelloResult {
    this.buffered.push(buf);
    this.size += buf.length;
    const all = Buffer.concat(this.buffered);
    this.buffered = [all];
    const body = handshakeBytes(all);
    if (body === 'fail' || (body === 'more' && this.size > maxHello)) return 'fail';
    if (body === 'more') return 'more';
    return parseHello(body);
  }
}

/** The handshake message joined from as many records as it spans, or 'more'/'fail'. */
function handshakeBytes(all: Buffer): Buffer | 'more' | 'fail' {
  const parts: Buffer[] = [];
  let got = 0;
  let need = -1;
  for (let pos = 0; ; ) {
    if (all.length - pos < recordHeader) return 'more';
    if (all[pos] !== 0x16 || all[pos + 1] !== 3) return 'fail';
    const len = all.readUInt16BE(pos + 3);
    if (all.length - pos - recordHeader < len) return 'more';
    parts.push(all.subarray(pos + recordHeader, pos + recordHeader + len));
    got += len;
    pos += recordHeader + len;
    if (need < 0 && got >= 4) {
      const first = Buffer.concat(parts);
      if (first[0] !== 1) return 'fail';
      need = 4 + first.readUIntBE(1, 3);
    }
    if (need >= 0 && got >= need) return Buffer.concat(parts).subarray(4, need);
  }
}

/** Walks the ClientHello body to its extensions; any overrun means it was not a ClientHello. */
function parseHello(b: Buffer): HelloResult {
  try {
    let p = 2 + 32;
    p += 1 + b[p];
    p += 2 + b.readUInt16BE(p);
    p += 1 + b[p];
    const hello: ClientHello = {};
    if (p >= b.length) return hello;
    const end = p + 2 + b.readUInt16BE(p);
    for (p += 2; p + 4 <= end; ) {
      const type = b.readUInt16BE(p);
      const len = b.readUInt16BE(p + 2);
      const ext = b.subarray(p + 4, p + 4 + len);
      if (type === 0) hello.serverNames = serverNames(ext);
      if (type === 16) hello.protocolNames = protocolNames(ext);
      p += 4 + len;
    }
    return hello;
  } catch {
    return 'fail';
  }
}

function serverNames(ext: Buffer): string[] {
  const names: string[] = [];
  for (let p = 2; p + 3 <= ext.length; ) {
    const len = ext.readUInt16BE(p + 1);
    if (ext[p] === 0) names.push(ext.toString('latin1', p + 3, p + 3 + len));
    p += 3 + len;
  }
  return names;
}

function protocolNames(ext: Buffer): string[] {
  const names: string[] = [];
  for (let p = 2; p < ext.length; ) {
    const len = ext[p];
    names.push(ext.toString('latin1', p + 1, p + 1 + len));
    p += 1 + len;
  }
  return names;
}
