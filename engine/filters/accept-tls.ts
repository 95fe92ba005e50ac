// acceptTLS(target, options): the TLS server side (spec §4.1). Ciphertext comes in as Data, the
// decrypted stream goes through a sub-pipeline (shared context) and its output is encrypted back.
// The ClientHello is read first, so the certificate callback gets the SNI name and ALPN is chosen
// by the script before node:tls starts the handshake.

import { TLSSocket } from 'node:tls';
import type { SecureContext } from 'node:tls';
import { isCallable } from '../../interpreter/index.js';
import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, flush, makeStreamEnd } from '../events.js';
import type { Pipeline, PipelineLayout } from '../pipeline.js';
import { requireLayout } from '../pipeline.js';
import { need, str, fail } from '../args.js';
import { ClientHelloReader } from '../codec/tls/client-hello.js';
import type { ClientHello } from '../codec/tls/client-hello.js';
import { CipherWire } from '../codec/tls/wire.js';
import { contextOf } from '../codec/tls/credentials.js';
import { certificateOption, trustedOption, serverAlpnOption } from '../codec/tls/options.js';
import * as log from '../log.js';

interface ServerOptions {
  certificate: unknown;
  trusted: string[] | null;
  alpn: unknown;
  /** The secure context of a fixed `{cert, key}`, built once for all connections. */
  fixed?: SecureContext | string;
}

/** One connection's TLS state; callbacks of a replaced session are ignored. */
interface Session {
  wire: CipherWire;
  tls: TLSSocket;
  secure: boolean;
}

export class AcceptTLS extends Filter {
  readonly name = 'acceptTLS';
  private layout: PipelineLayout | null = null;
  private sub: Pipeline | null = null;
  private hello = new ClientHelloReader();
  private held: Buffer[] = [];
  private session: Session | null = null;
  private failed = false;

  constructor(private readonly target: string, private readonly options: ServerOptions) {
    super();
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
    const f = this.adopt(new AcceptTLS(this.target, this.options));
    f.layout = this.layout;
    return f;
  }

  override targets(): string[] {
    return [this.target];
  }

  override bind(): void {
    this.layout = requireLayout(this.module, this.target);
  }

  override reset(): void {
    super.reset();
    this.close();
    this.hello = new ClientHelloReader();
    this.held = [];
    this.failed = false;
  }

  override shutdown(): void {
    this.close();
  }

  protected process(evt: Event): void {
    if (this.failed) return;
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
    const s: Session = { wire: null!, tls: null!, secure: false };
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
    this.sub = this.layout!.instantiate(this.context, { input: (e) => live() && this.fromSub(e) });
    s.tls.on('secure', () => (s.secure = true));
    s.tls.on('data', (b: Buffer) => live() && (this.sub?.input(makeData(b)), this.sub?.input(flush())));
    s.tls.on('end', () => live() && this.sub?.input(makeStreamEnd()));
    s.tls.on('error', (e) => live() && this.tlsError(s, e));
  }

  /** The sub-pipeline's output: cleartext to encrypt, or the end of the conversation. */
  private fromSub(e: Event): void {
    const tls = this.session?.tls;
    if (!tls) return;
    if (isData(e)) {
      const b = bufferOf(e);
      if (b.length) tls.write(b);
    } else if (isStreamEnd(e)) tls.end();
  }

  private tlsError(s: Session, e: Error): void {
    if (!s.secure) log.warn(`[tls] Handshake failed (error = 1)`);
    else log.debug(`[tls] ${e.message}`);
    this.sub?.input(makeStreamEnd(s.secure ? 'ReadError' : 'Unauthorized'));
    this.end(s.secure ? 'ReadError' : 'Unauthorized');
  }

  private end(error: '' | 'ReadError' | 'Unauthorized'): void {
    if (this.failed) return;
    this.failed = true;
    this.close();
    this.output(makeStreamEnd(error));
  }

  private close(): void {
    const s = this.session;
    this.session = null;
    if (s) {
      s.tls.on('error', () => {});
      s.tls.destroy();
    }
    this.sub?.release();
    this.sub = null;
  }
}
