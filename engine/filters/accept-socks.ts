// acceptSOCKS(target, onConnect): a SOCKS 4/4a/5 server on the input Data (spec §4.1). The
// script's `onConnect(host, port, id)` decides: truthy opens a sub-pipeline (shared context) that
// carries the rest of the stream, falsy rejects the request and ends the stream.

import { Failed, truthy } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, flush, makeStreamEnd } from '../events.js';
import { need, str, fn } from '../args.js';
import { SocksServer, reply4, reply5 } from '../codec/socks/server.js';
import type { SocksStep } from '../codec/socks/server.js';
import { SubPipelineFilter } from './sub-pipeline-bridge.js';

export class AcceptSOCKS extends SubPipelineFilter {
  readonly name = 'acceptSOCKS';
  private server = new SocksServer();
  private closed = false;

  constructor(target: string, private readonly onConnect: unknown) {
    super(target);
  }

  static create(args: unknown[]): AcceptSOCKS {
    need(args, 2);
    return new AcceptSOCKS(str(args, 0), fn(args, 1));
  }

  clone(): AcceptSOCKS {
    return this.twin(new AcceptSOCKS(this.target, this.onConnect));
  }

  override reset(): void {
    super.reset();
    this.releaseSub();
    Object.assign(this, { server: new SocksServer(), closed: false });
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
    const sub = this.openSub(this.context, (e) => this.output(e));
    if (s.rest.length) sub.input(makeData(Buffer.from(s.rest)));
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
