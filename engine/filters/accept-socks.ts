// acceptSOCKS(target, onConnect): a SOCKS 4/4a/5 server on the input Data (spec §4.1). The
// script's `onConnect(host, port, id)` decides: truthy opens a sub-pipeline (shared context) that
// carries the rest of the stream, falsy rejects the request and ends the stream.

import { Filter, Failed, truthy } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, flush, makeStreamEnd } from '../events.js';
import type { Pipeline, PipelineLayout } from '../pipeline.js';
import { requireLayout } from '../pipeline.js';
import { need, str, fn } from '../args.js';
import { SocksServer, reply4, reply5 } from '../codec/socks/server.js';
import type { SocksStep } from '../codec/socks/server.js';

export class AcceptSOCKS extends Filter {
  readonly name = 'acceptSOCKS';
  private layout: PipelineLayout | null = null;
  private sub: Pipeline | null = null;
  private server = new SocksServer();
  private closed = false;

  constructor(private readonly target: string, private readonly onConnect: unknown) {
    super();
  }

  static create(args: unknown[]): AcceptSOCKS {
    need(args, 2);
    return new AcceptSOCKS(str(args, 0), fn(args, 1));
  }

  clone(): AcceptSOCKS {
    const f = this.adopt(new AcceptSOCKS(this.target, this.onConnect));
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
    this.sub?.release();
    Object.assign(this, { sub: null, server: new SocksServer(), closed: false });
  }

  protected process(evt: Event): void {
    if (this.sub) return this.sub.input(evt);
    if (this.closed) return;
    if (isStreamEnd(evt)) return this.output(evt);
    if (isData(evt) && evt.size) this.step(this.server.feed(bufferOf(evt)));
  }

  private step(s: SocksStep): void {
    if (s.kind === 'more') return;
    if (s.kind === 'reply') return this.send(s.bytes, s.close);
    const owed = this.server.takeOwed();
    const ok = this.callback(this.onConnect, s.version === 4 ? [s.host, s.port, s.id] : [s.host, s.port]);
    const accepted = ok !== Failed && truthy(ok);
    const answer = s.version === 4 ? reply4(accepted) : reply5(accepted ? 0 : 2);
    if (!accepted) return this.send(Buffer.concat([owed, answer]), true);
    this.send(Buffer.concat([owed, answer]), false);
    this.sub = this.layout!.instantiate(this.context, { input: (e) => this.output(e) });
    if (s.rest.length) this.sub.input(makeData(Buffer.from(s.rest)));
  }

  private send(bytes: Buffer, close: boolean): void {
    if (bytes.length) this.output(makeData(bytes));
    this.output(flush());
    if (close) {
      this.closed = true;
      this.output(makeStreamEnd());
    }
  }
}
