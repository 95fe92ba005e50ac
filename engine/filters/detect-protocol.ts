// detectProtocol(callback): passes everything on and calls back once with what the first bytes
// look like (spec §4.5): 'HTTP' for an HTTP/1 request line, 'TLS' for a TLS ClientHello, '' when
// neither fits (or the stream ends first).

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf } from '../events.js';
import { need, fn } from '../args.js';
import { ClientHelloReader } from '../codec/tls/client-hello.js';

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
const requestLine = /^([A-Z]+) (\S+) (HTTP\/1\.\S*)$/;

/** 'yes', 'no' or 'more' for the bytes seen so far of a request line. */
function looksLikeHTTP(seen: string): 'yes' | 'no' | 'more' {
  const nl = seen.indexOf('\n');
  const line = nl < 0 ? seen : seen.slice(0, nl).replace(/\r$/, '');
  const sp = line.indexOf(' ');
  const method = sp < 0 ? line : line.slice(0, sp);
  if (!methods.some((m) => (sp < 0 ? m.startsWith(method) : m === method))) return 'no';
  if (nl < 0) return seen.length > 8192 ? 'no' : 'more';
  return requestLine.test(line) ? 'yes' : 'no';
}

export class DetectProtocol extends Filter {
  readonly name = 'detectProtocol';
  private seen = '';
  private tls: ClientHelloReader | null = new ClientHelloReader();
  private done = false;

  constructor(private readonly cb: unknown) {
    super();
  }

  static create(args: unknown[]): DetectProtocol {
    need(args, 1);
    return new DetectProtocol(fn(args, 0));
  }

  clone(): DetectProtocol {
    return this.adopt(new DetectProtocol(this.cb));
  }

  override reset(): void {
    super.reset();
    Object.assign(this, { seen: '', tls: new ClientHelloReader(), done: false });
  }

  protected process(evt: Event): void {
    if (!this.done) {
      if (isData(evt) && evt.size) this.inspect(bufferOf(evt));
      else if (isStreamEnd(evt)) this.decide('');
    }
    this.output(evt);
  }

  private inspect(b: Buffer): void {
    this.seen += b.toString('latin1');
    const http = looksLikeHTTP(this.seen);
    if (http === 'yes') return this.decide('HTTP');
    const hello = this.tls?.feed(b);
    if (hello === 'fail') this.tls = null;
    else if (hello !== 'more' && hello !== undefined) return this.decide('TLS');
    if (http === 'no' && !this.tls) this.decide('');
  }

  private decide(protocol: string): void {
    this.done = true;
    this.seen = '';
    this.tls = null;
    this.callback(this.cb, [protocol]);
  }
}
