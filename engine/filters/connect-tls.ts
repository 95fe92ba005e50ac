// connectTLS(target, [options]): the TLS client side (spec §4.1). Cleartext input is encrypted into
// a sub-pipeline (shared context, usually ending in `connect`) and what comes back is decrypted.
// Without `trusted` the server certificate is not verified, as in Pipy; with it, it must chain to
// one of those certificates.

import { connect as tlsConnect } from 'node:tls';
import { isCallable } from '../../interpreter/index.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, flush, makeStreamEnd, errorOf } from '../events.js';
import { need, str, optObj } from '../args.js';
import { CipherWire } from '../codec/tls/wire.js';
import { certificatePEM, privateKeyPEM } from '../codec/tls/credentials.js';
import { certificateOption, trustedOption, clientAlpnOption, sniOption } from '../codec/tls/options.js';
import * as log from '../log.js';
import type { TlsSession as Session } from './tls-bridge.js';
import { TlsBridge, tlsFailure } from './tls-bridge.js';

interface ClientOptions {
  certificate: unknown;
  trusted: string[] | null;
  alpn: string[] | undefined;
  sni: unknown;
}

export class ConnectTLS extends TlsBridge {
  readonly name = 'connectTLS';

  constructor(target: string, private readonly options: ClientOptions) {
    super(target);
  }

  static create(args: unknown[]): ConnectTLS {
    need(args, 1);
    const target = str(args, 0);
    const o = optObj(args, 1);
    return new ConnectTLS(target, { certificate: certificateOption(o), trusted: trustedOption(o), alpn: clientAlpnOption(o), sni: sniOption(o) });
  }

  clone(): ConnectTLS {
    return this.twin(new ConnectTLS(this.target, this.options));
  }

  protected process(evt: Event): void {
    if (this.over) return;
    if (!this.session) this.open();
    this.encrypt(evt);
  }

  private open(): void {
    const s: Session = { wire: null!, tls: null!, secure: false, backlog: null! };
    const live = () => this.session === s;
    s.wire = new CipherWire((b) => live() && (this.sub?.input(makeData(b)), this.sub?.input(flush())), () => live() && this.sub?.input(makeStreamEnd()));
    this.session = s;
    this.openSub(this.context, (e) => live() && this.fromSub(e));
    s.tls = tlsConnect({ socket: s.wire, ...this.credentials(), ...this.verification(), servername: this.serverName(), ALPNProtocols: this.options.alpn });
    this.watch(s, 'secureConnect');
    s.tls.on('data', (b: Buffer) => live() && (this.output(makeData(b)), this.output(flush())));
    s.tls.on('end', () => live() && this.end(''));
    s.tls.on('error', (e) => live() && this.tlsError(s, e));
  }

  private credentials(): { cert?: string; key?: string } {
    let c = this.options.certificate;
    if (isCallable(c)) c = this.callback(c, []);
    if (typeof c !== 'object' || c === null) return {};
    const pair = c as Record<string, unknown>;
    return { cert: certificatePEM(pair.cert) ?? undefined, key: privateKeyPEM(pair.key) ?? undefined };
  }

  private verification(): { ca?: string[]; rejectUnauthorized: boolean; checkServerIdentity?: () => undefined } {
    const t = this.options.trusted;
    // Pipy checks the chain against `trusted` but not the host name.
    return t ? { ca: t, rejectUnauthorized: true, checkServerIdentity: () => undefined } : { rejectUnauthorized: false };
  }

  private serverName(): string | undefined {
    const v = this.evalParam(this.options.sni);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      log.error('[tls] sni callback did not return a string');
      return undefined;
    }
    return v || undefined;
  }

  /** Ciphertext from the server side; a StreamEnd with an error ends us with that error at once. */
  private fromSub(e: Event): void {
    const s = this.session;
    if (!s) return;
    if (isData(e)) s.wire.deliver(bufferOf(e));
    else if (isStreamEnd(e)) {
      const error = errorOf(e);
      if (error || !s.secure) this.end(error || 'ConnectionReset');
      else s.wire.close();
    }
  }

  private tlsError(s: Session, e: Error): void {
    this.end(tlsFailure(s, e));
  }

  /** The server side is told the stream ended before it is released. */
  protected override releaseSub(): void {
    this.sub?.input(makeStreamEnd());
    super.releaseSub();
  }
}
