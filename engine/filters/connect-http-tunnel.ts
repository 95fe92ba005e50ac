// connectHTTPTunnel(target, handshake): the client end of an HTTP tunnel (spec §4.1). A
// sub-pipeline (cloned context; in Pipy's pattern a muxHTTP towards the proxy) gets the handshake
// message, then all input. Input waits until the proxy answers, so no byte goes out before the
// tunnel exists. From the sub-pipeline's output the handshake response head is swallowed (a
// non-2xx answer ends the stream instead) and everything after it passes through.

import { outputMessage } from '../filter.js';
import type { Event } from '../events.js';
import { isMessageStart, isMessageEnd, isStreamEnd, isMessage, headOf, bodyOf, makeStreamEnd } from '../events.js';
import { need, str } from '../args.js';
import * as log from '../log.js';
import { SubPipelineFilter } from './sub-pipeline-bridge.js';

type Phase = 'idle' | 'handshake' | 'open' | 'closed';

export class ConnectHTTPTunnel extends SubPipelineFilter {
  readonly name = 'connectHTTPTunnel';
  private phase: Phase = 'idle';
  private held: Event[] = [];
  /** The handshake response's own MessageEnd is not tunnel content. */
  private skipEnd = false;

  constructor(target: string, private readonly handshake: unknown) {
    super(target);
  }

  static create(args: unknown[]): ConnectHTTPTunnel {
    need(args, 2);
    return new ConnectHTTPTunnel(str(args, 0), args[1]);
  }

  clone(): ConnectHTTPTunnel {
    return this.twin(new ConnectHTTPTunnel(this.target, this.handshake));
  }

  override reset(): void {
    super.reset();
    this.releaseSub();
    Object.assign(this, { phase: 'idle', held: [], skipEnd: false });
  }

  protected process(evt: Event): void {
    if (this.phase === 'idle') this.start();
    if (this.phase === 'handshake') this.held.push(evt);
    else if (this.phase === 'open') this.sub!.input(evt);
  }

  private start(): void {
    const msg = this.evalParam(this.handshake);
    if (!isMessage(msg)) {
      log.error('[connectHTTPTunnel] invalid handshake request');
      this.phase = 'closed';
      return this.output(makeStreamEnd());
    }
    this.phase = 'handshake';
    const sub = this.openSub(this.context.clone(), (e) => this.sub === sub && this.fromSub(e));
    outputMessage({ output: (e) => sub.input(e) }, headOf(msg), bodyOf(msg));
  }

  private fromSub(e: Event): void {
    if (this.phase === 'handshake') {
      if (isMessageStart(e)) return this.answered(headOf(e));
      if (!isStreamEnd(e)) return;
    }
    if (this.skipEnd && isMessageEnd(e)) return void (this.skipEnd = false);
    if (isStreamEnd(e)) this.phase = 'closed';
    this.output(e);
  }

  private answered(head: unknown): void {
    const status = Number((head as Record<string, unknown> | null)?.status ?? 200);
    if (status < 200 || status >= 300) {
      this.phase = 'closed';
      return this.output(makeStreamEnd('ConnectionRefused'));
    }
    this.phase = 'open';
    this.skipEnd = true;
    const held = this.held;
    this.held = [];
    for (const e of held) this.sub?.input(e);
  }
}
