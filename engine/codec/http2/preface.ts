// Telling HTTP/2 with prior knowledge from HTTP/1 on a server connection (spec §5.2, §5.6). Every
// HTTP/2 client opens with the same 24-byte preface, whether it learned of HTTP/2 from ALPN `h2`
// (acceptTLS in front) or just assumed it (h2c), so the first bytes alone decide the protocol.

const preface = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export type Sniffed = 'h2' | 'http1' | 'more';

/** Holds the first bytes of a connection until they match the preface or stop matching it. */
export class PrefaceSniffer {
  private held: Buffer[] = [];
  private size = 0;

  feed(b: Buffer): Sniffed {
    this.held.push(b);
    this.size += b.length;
    const head = this.held.length === 1 ? b : Buffer.concat(this.held);
    const n = Math.min(head.length, preface.length);
    if (head.compare(preface, 0, n, 0, n) !== 0) return 'http1';
    return n === preface.length ? 'h2' : 'more';
  }

  /** Everything fed so far, in order, for whichever decoder takes the connection over. */
  take(): Buffer[] {
    const held = this.held;
    this.held = [];
    this.size = 0;
    return held;
  }

  get pending(): boolean {
    return this.size > 0;
  }
}
