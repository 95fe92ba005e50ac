// The server half of SOCKS 4/4a/5 (no authentication, CONNECT only) as a byte-level state machine
// (spec §4.1). `feed` consumes client bytes and says what to do next: wait, reply and close, or
// ask the script whether to connect to a host and port. The bytes after the request belong to the
// tunnel and are handed back as `rest`.

export type SocksStep =
  | { kind: 'more' }
  | { kind: 'reply'; bytes: Buffer; close: boolean }
  | { kind: 'connect'; version: 4 | 5; host: string; port: number; id: string; rest: Buffer };

type State = 'start' | 'request5' | 'done';

const need = { kind: 'more' } as const;

export class SocksServer {
  private state: State = 'start';
  private buf: Buffer = Buffer.alloc(0);
  private owed: Buffer = Buffer.alloc(0);

  feed(b: Buffer): SocksStep {
    this.buf = this.buf.length ? Buffer.concat([this.buf, b]) : b;
    if (this.state === 'start') return this.greeting();
    if (this.state === 'request5') return this.request5();
    return need;
  }

  private take(n: number): void {
    this.buf = this.buf.subarray(n);
  }

  private greeting(): SocksStep {
    const b = this.buf;
    if (!b.length) return need;
    if (b[0] === 4) return this.request4();
    if (b[0] !== 5) return this.fail(Buffer.alloc(0));
    if (b.length < 2 || b.length < 2 + b[1]) return need;
    const methods = b.subarray(2, 2 + b[1]);
    this.take(2 + b[1]);
    if (!methods.includes(0)) return this.fail(Buffer.from([5, 0xff]));
    this.state = 'request5';
    this.owed = Buffer.from([5, 0]);
    const next = this.request5();
    return next.kind === 'more' ? { kind: 'reply', bytes: this.takeOwed(), close: false } : next;
  }

  /**
   * The method-selection answer not yet sent, when a client sent its greeting and its request in
   * one go: the owner writes it before the answer to the request.
   */
  takeOwed(): Buffer {
    const b = this.owed;
    this.owed = Buffer.alloc(0);
    return b;
  }

  /** SOCKS4: VN CD DSTPORT DSTIP USERID NUL, and for 4a (IP 0.0.0.x) a domain NUL after it. */
  private request4(): SocksStep {
    const b = this.buf;
    if (b.length < 9) return need;
    const idEnd = b.indexOf(0, 8);
    if (idEnd < 0) return need;
    const port = b.readUInt16BE(2);
    const is4a = b[4] === 0 && b[5] === 0 && b[6] === 0 && b[7] !== 0;
    let host = `${b[4]}.${b[5]}.${b[6]}.${b[7]}`;
    let end = idEnd + 1;
    if (is4a) {
      const hostEnd = b.indexOf(0, end);
      if (hostEnd < 0) return need;
      host = b.toString('latin1', end, hostEnd);
      end = hostEnd + 1;
    }
    const id = b.toString('latin1', 8, idEnd);
    this.state = 'done';
    if (b[1] !== 1) return this.fail(reply4(false));
    return { kind: 'connect', version: 4, host, port, id, rest: b.subarray(end) };
  }

  /** SOCKS5: VER CMD RSV ATYP DST.ADDR DST.PORT. */
  private request5(): SocksStep {
    const b = this.buf;
    if (b.length < 5) return need;
    const atyp = b[3];
    const addrLen = atyp === 1 ? 4 : atyp === 4 ? 16 : atyp === 3 ? 1 + b[4] : -1;
    if (addrLen < 0) return this.fail(reply5(8));
    if (b.length < 4 + addrLen + 2) return need;
    this.state = 'done';
    if (b[0] !== 5) return this.fail(Buffer.alloc(0));
    if (b[1] !== 1) return this.fail(reply5(1));
    const host = atyp === 1 ? [...b.subarray(4, 8)].join('.') : atyp === 3 ? b.toString('latin1', 5, 5 + b[4]) : ipv6(b.subarray(4, 20));
    const port = b.readUInt16BE(4 + addrLen);
    return { kind: 'connect', version: 5, host, port, id: '', rest: b.subarray(4 + addrLen + 2) };
  }

  private fail(bytes: Buffer): SocksStep {
    this.state = 'done';
    return { kind: 'reply', bytes, close: true };
  }
}

function ipv6(b: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  return groups.join(':');
}

export function reply4(ok: boolean): Buffer {
  return Buffer.from([0, ok ? 0x5a : 0x5b, 0, 0, 0, 0, 0, 0]);
}

export function reply5(code: number): Buffer {
  return Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);
}
