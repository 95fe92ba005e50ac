// acceptHTTPTunnel(target, handler): the server end of an HTTP tunnel (CONNECT, spec §4.1), behind
// demuxHTTP. The first whole message is the request; `handler(request)` returns the response, which
// is output; a response without status or with a status in [100, 300) opens the tunnel: everything
// after goes through a sub-pipeline (cloned context) whose output is this filter's output.

import { isCallable } from '../../interpreter/index.js';
import { Failed, outputMessage } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, isMessage, bufferOf, headOf, bodyOf, makeMessage } from '../events.js';
import { need, str } from '../args.js';
import * as log from '../log.js';
import { SubPipelineFilter } from './sub-pipeline-bridge.js';

export class AcceptHTTPTunnel extends SubPipelineFilter {
  readonly name = 'acceptHTTPTunnel';
  private head: unknown = undefined;
  private body: Buffer[] = [];
  private answered = false;

  constructor(target: string, private readonly handler: unknown) {
    super(target);
  }

  static create(args: unknown[]): AcceptHTTPTunnel {
    need(args, 2);
    return new AcceptHTTPTunnel(str(args, 0), args[1]);
  }

  clone(): AcceptHTTPTunnel {
    return this.twin(new AcceptHTTPTunnel(this.target, this.handler));
  }

  override reset(): void {
    super.reset();
    this.releaseSub();
    Object.assign(this, { head: undefined, body: [], answered: false });
  }

  protected process(evt: Event): void {
    if (this.sub) return this.sub.input(evt);
    if (this.answered) return;
    if (isMessageStart(evt)) this.head = headOf(evt);
    else if (isData(evt) && this.head !== undefined) this.body.push(bufferOf(evt));
    else if (isMessageEnd(evt) && this.head !== undefined) this.answer();
    else if (isStreamEnd(evt)) this.output(evt);
  }

  private answer(): void {
    this.answered = true;
    const request = makeMessage(this.head, Buffer.concat(this.body));
    const h = this.handler;
    const res = isCallable(h) ? this.callback(h, [request]) : h;
    if (res === Failed) return;
    if (!isMessage(res)) return void log.error('[acceptHTTPTunnel] handler did not return a valid message');
    const head = headOf(res) as Record<string, unknown> | null;
    outputMessage(this, head, bodyOf(res));
    const status = head?.status;
    const n = Number(status);
    if (status === undefined || status === null || (n >= 100 && n < 300)) {
      this.openSub(this.context.clone(), (e) => this.output(e));
    }
  }
}
