// acceptTLS(target, options): the TLS server side (spec §4.1). Ciphertext comes in as Data, the
// decrypted stream goes through a sub-pipeline (shared context) and its output is encrypted back.
// The ClientHello is read first, so the certificate callback gets the SNI name and ALPN is chosen
// by the script before node:tls starts the handshake.

import { TLSSocket } from 'node:tls';
import type { SecureContext } from 'node:tls';
import { isCallable } from '../../interpreter/index.js';
import { Failed } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, flush, makeStreamEnd } from '../events.js';
import { need, str, fail } from '../args.js';
import { ClientHelloReader } from '../codec/tls/client-hello.js';
import type { ClientHello } from '../codec/tls/client-hello.js';
import { CipherWire } from '../codec/tls/wire.js';
import { contextOf } from '../codec/tls/credentials.js';
import { certificateOption, trustedOption, serverAlpnOption } from '../codec/tls/options.js';
import * as log from '../log.js';
import type { TlsSession as Session } from './tls-bridge.js';
import { TlsBridge, tlsFailure } from './tls-bridge.js';

interface ServerOptions {
  certificate: unknown;
  trusted: string[] | null;
  alpn: unknown;
  /** The secure context of a fixed `{cert, key}`, built once for all connections. */
  fixed?: SecureContext | string;
}

export class AcceptTLS extends TlsBridge {
  readonly name = 'acceptTLS';
  private hello = new ClientHelloReader();
  private held: Buffer[] = [];

  constructor(target: string, private readonly options: ServerOptions) {
    super(target);
  }

  static create(args: unknown[]): AcceptTLS {
    need(args, 2);
    const target = str(args, 0);
    const o = args[1];
    if (typeof o !== 'object' || o === null) fail('argument #2 expects a non-null object');
    const opts = o as Record<string, unknown>;
    return new AcceptTLS(target, { certificate: certificateOption(opts), trusted: trustedOption(opts), alpn: serverAlpnOption(opts) });
  }

  clone(): AcceptTLS {
    return this.twin(new AcceptTLS(this.target, this.options));
  }

  override reset(): void {
    super.reset();
    this.hello = new ClientHelloReader();
    this.held = [];
  }

  protected process(evt: Event): void {
    if (this.over) return;
    if (isData(evt)) {
      const b = bufferOf(evt);
      if (!b.length) return;
      if (this.session) this.session.wire.deliver(b);
      else this.greet(b);
    } else if (isStreamEnd(evt)) {
      if (this.session) this.session.wire.close();
      else this.end('');
    }
  }

  /** Holds the first bytes until the ClientHello is complete, then starts the handshake. */
  private greet(b: Buffer): void {
    this.held.push(b);
    const r = this.hello.feed(b);
    if (r === 'more') return;
    const hello: ClientHello = r === 'fail' ? {} : r;
    const ctx = this.secureContext(hello.serverNames?.[0] ?? '');
    if (typeof ctx === 'string') {
      log.error(ctx);
      return this.end('');
    }
    this.startSession(ctx, this.chooseProtocol(hello.protocolNames ?? []));
    const held = this.held;
    this.held = [];
    for (const h of held) this.session?.wire.deliver(h);
  }

  private secureContext(sni: string): SecureContext | string {
    const c = this.options.certificate;
    if (c === undefined) return '[tls] certificate callback did not return an object';
    if (!isCallable(c)) return (this.options.fixed ??= contextOf(c, this.options.trusted));
    const pair = this.callback(c, [sni]);
    return pair === Failed ? '[tls] certificate callback did not return an object' : contextOf(pair, this.options.trusted);
  }

  /** The server's pick among the client's protocols: the first one in the list, or the callback's index. */
  private chooseProtocol(offered: string[]): string | null {
    const a = this.options.alpn;
    if (a === undefined || !offered.length) return null;
    if (Array.isArray(a)) return offered.find((p) => a.includes(p)) ?? null;
    const i = this.callback(a, [offered]);
    return typeof i === 'number' && offered[i] !== undefined ? offered[i] : null;
  }

  private startSession(secureContext: SecureContext, protocol: string | null): void {
    const s: Session = { wire: null!, tls: null!, secure: false, backlog: null! };
    const live = () => this.session === s;
    s.wire = new CipherWire((b) => live() && (this.output(makeData(b)), this.output(flush())), () => live() && this.end(''));
    const trusted = !!this.options.trusted;
    s.tls = new TLSSocket(s.wire, {
      isServer: true,
      secureContext,
      requestCert: trusted,
      rejectUnauthorized: trusted,
      ALPNProtocols: protocol ? [protocol] : undefined,
    });
    this.session = s;
    this.watch(s, 'secure');
    this.openSub(this.context, (e) => live() && this.encrypt(e));
    s.tls.on('data', (b: Buffer) => live() && (this.sub?.input(makeData(b)), this.sub?.input(flush())));
    s.tls.on('end', () => live() && this.sub?.input(makeStreamEnd()));
    s.tls.on('error', (e) => live() && this.tlsError(s, e));
  }

  private tlsError(s: Session, e: Error): void {
    const error = tlsFailure(s, e);
    this.sub?.input(makeStreamEnd(error));
    this.end(error);
  }
}
