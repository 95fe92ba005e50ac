// connectSOCKS(target, address): a SOCKS5 client (no authentication) in front of a sub-pipeline
// (shared context) that reaches the SOCKS server (spec §4.1). Input waits until the server has
// accepted the CONNECT; a refused method is StreamEnd(Unauthorized), a refused connect
// StreamEnd(ConnectionRefused).

import { isIP } from 'node:net';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, flush, makeStreamEnd } from '../events.js';
import type { StreamErrorName } from '../errors.js';
import { need, str } from '../args.js';
import * as log from '../log.js';
import { SubPipelineFilter } from './sub-pipeline-bridge.js';

type Phase = 'idle' | 'method' | 'reply' | 'open' | 'closed';

export class ConnectSOCKS extends SubPipelineFilter {
  readonly name = 'connectSOCKS';
  private phase: Phase = 'idle';
  private held: Event[] = [];
  private got: Buffer = Buffer.alloc(0);

  constructor(target: string, private readonly address: unknown) {
    super(target);
  }

  static create(args: unknown[]): ConnectSOCKS {
    need(args, 2);
    return new ConnectSOCKS(str(args, 0), args[1]);
  }

  clone(): ConnectSOCKS {
    return this.twin(new ConnectSOCKS(this.target, this.address));
  }

  override reset(): void {
    super.reset();
    this.releaseSub();
    Object.assign(this, { phase: 'idle', held: [], got: Buffer.alloc(0) });
  }

  protected process(evt: Event): void {
    if (this.phase === 'idle') this.start();
    if (this.phase === 'open') this.sub!.input(evt);
    else if (this.phase !== 'closed') this.held.push(evt);
  }

  private start(): void {
    const request = connectRequest(String(this.evalParam(this.address) ?? ''));
    if (!request) return this.end('');
    this.phase = 'method';
    const sub = this.openSub(this.context, (e) => this.sub === sub && this.fromServer(e));
    this.request = request;
    sub.input(makeData(Buffer.from([5, 1, 0])));
    sub.input(flush());
  }

  private request: Buffer = Buffer.alloc(0);

  private fromServer(e: Event): void {
    if (this.phase === 'open') return this.output(e);
    if (isStreamEnd(e)) return this.end('ConnectionRefused');
    if (!isData(e) || !e.size) return;
    this.got = Buffer.concat([this.got, bufferOf(e)]);
    if (this.phase === 'method') this.method();
    if (this.phase === 'reply') this.reply();
  }

  private method(): void {
    if (this.got.length < 2) return;
    if (this.got[0] !== 5 || this.got[1] !== 0) return this.end('Unauthorized');
    this.got = this.got.subarray(2);
    this.phase = 'reply';
    this.sub!.input(makeData(this.request));
    this.sub!.input(flush());
  }

  /** VER REP RSV ATYP BND.ADDR BND.PORT; whatever follows is already tunnel data. */
  private reply(): void {
    const g = this.got;
    if (g.length < 5) return;
    const addrLen = g[3] === 1 ? 4 : g[3] === 4 ? 16 : 1 + g[4];
    if (g.length < 4 + addrLen + 2) return;
    if (g[1] !== 0) return this.end('ConnectionRefused');
    const rest = g.subarray(4 + addrLen + 2);
    this.phase = 'open';
    if (rest.length) this.output(makeData(Buffer.from(rest)));
    const held = this.held;
    this.held = [];
    for (const e of held) this.sub!.input(e);
  }

  private end(error: StreamErrorName): void {
    this.phase = 'closed';
    this.held = [];
    this.releaseSub();
    this.output(makeStreamEnd(error));
  }
}

/** The CONNECT request for 'host:port' (IPv6 in brackets); null, with an error logged, if invalid. */
function connectRequest(target: string): Buffer | null {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(target);
  const port = m ? Number(m[3]) : -1;
  if (!m || port > 65535) {
    log.error(`[connectSOCKS] invalid target: ${target}`);
    return null;
  }
  let host = m[1] ?? m[2];
  const portBytes = Buffer.from([port >> 8, port & 255]);
  if (isIP(host) === 4) return Buffer.concat([Buffer.from([5, 1, 0, 1, ...host.split('.').map(Number)]), portBytes]);
  if (isIP(host) === 6) return Buffer.concat([Buffer.from([5, 1, 0, 4]), ipv6Bytes(host), portBytes]);
  if (host.length > 255) {
    log.warn(`[connectSOCKS] domain name too long, truncated: ${host}`);
    host = host.slice(0, 255);
  }
  return Buffer.concat([Buffer.from([5, 1, 0, 3, host.length]), Buffer.from(host, 'latin1'), portBytes]);
}

function ipv6Bytes(host: string): Buffer {
  const [a, b = ''] = host.split('::');
  const left = a ? a.split(':') : [];
  const right = b ? b.split(':') : [];
  const groups = host.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16) || 0, i * 2));
  return out;
}
