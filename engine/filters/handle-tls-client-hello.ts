// handleTLSClientHello(callback): passes everything on unchanged, and calls back once with the SNI
// names and ALPN protocols of the first ClientHello on the stream (spec §4.1). Input that is not a
// ClientHello gives no call.

import { GuestObject } from '../../interpreter/index.js';
import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, bufferOf } from '../events.js';
import { need, fn } from '../args.js';
import { ClientHelloReader } from '../codec/tls/client-hello.js';

export class HandleTLSClientHello extends Filter {
  readonly name = 'handleTLSClientHello';
  private reader: ClientHelloReader | null = new ClientHelloReader();

  constructor(private readonly cb: unknown) {
    super();
  }

  static create(args: unknown[]): HandleTLSClientHello {
    need(args, 1);
    return new HandleTLSClientHello(fn(args, 0));
  }

  clone(): HandleTLSClientHello {
    return this.adopt(new HandleTLSClientHello(this.cb));
  }

  override reset(): void {
    super.reset();
    this.reader = new ClientHelloReader();
  }

  protected process(evt: Event): void {
    if (this.reader && isData(evt) && evt.size > 0) this.inspect(bufferOf(evt));
    this.output(evt);
  }

  private inspect(b: Buffer): void {
    const r = this.reader!.feed(b);
    if (r === 'more') return;
    this.reader = null;
    if (r === 'fail') return;
    const hello = new GuestObject();
    if (r.serverNames) hello.serverNames = r.serverNames;
    if (r.protocolNames) hello.protocolNames = r.protocolNames;
    this.callback(this.cb, [hello]);
  }
}
