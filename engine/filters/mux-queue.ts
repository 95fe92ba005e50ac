// muxQueue(target, key, [options]): every stream whose key is equal sends its messages, whole and
// one after another, into one shared session sub-pipeline; the session's replies go back FIFO: the
// first message out belongs to the oldest waiting stream (§4.1). Drawn as `mux` in graphs. merge
// uses the same session with its output thrown away.
//
// When the session ends, every stream still waiting gets a StreamEnd (after an empty MessageStart
// if its reply had not begun) and the next message opens a new session. A session nobody uses is
// kept `maxIdle` seconds, then ended.

import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, makeMessageStart, makeStreamEnd, errorOf } from '../events.js';
import type { StreamContext } from '../context.js';
import type { Pipeline, PipelineLayout } from '../pipeline.js';
import { need, str, optObj, numOrStr } from '../args.js';
import { parseSeconds } from '../units.js';
import { KeyedTable } from './keyed-table.js';
import type { StreamErrorName } from '../errors.js';
import { SubPipelineFilter } from './sub-pipeline-bridge.js';

export interface Waiter {
  deliver(e: Event): void;
}

const orphan: Waiter = { deliver() {} };

/** One shared session pipeline and the streams waiting for its replies. */
export class QueueSession {
  private readonly pipeline: Pipeline;
  private readonly waiting: Waiter[] = [];
  private replying = false;
  private refs = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  ended = false;

  constructor(layout: PipelineLayout, context: StreamContext, private readonly table: KeyedTable<QueueSession>, private readonly key: unknown, private readonly maxIdle: number) {
    this.pipeline = layout.instantiate(context.clone(), { input: (e) => this.fromSession(e) });
  }

  attach(): void {
    this.refs++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  detach(w: Waiter): void {
    const i = this.waiting.indexOf(w);
    if (i >= 0) this.waiting[i] = orphan;
    if (--this.refs > 0 || this.ended) return;
    this.idleTimer = setTimeout(() => this.end(''), this.maxIdle * 1000);
  }

  /** A whole message into the session; `w` (if any) gets the next reply not yet claimed. */
  send(w: Waiter | null, events: Event[]): void {
    if (w) this.waiting.push(w);
    for (const e of events) this.pipeline.input(e);
  }

  private fromSession(e: Event): void {
    if (isStreamEnd(e)) return this.end(errorOf(e));
    const w = this.waiting[0];
    if (!w) return;
    if (isMessageStart(e)) this.replying = true;
    if (!this.replying) return;
    w.deliver(e);
    if (isMessageEnd(e)) {
      this.replying = false;
      this.waiting.shift();
    }
  }

  end(error: StreamErrorName): void {
    if (this.ended) return;
    this.ended = true;
    this.table.delete(this.key, this);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.waiting.splice(0).forEach((w, i) => {
      if (i > 0 || !this.replying) w.deliver(makeMessageStart());
      w.deliver(makeStreamEnd(error));
    });
    this.pipeline.input(makeStreamEnd());
    this.pipeline.release();
  }
}

/** The stream side shared by muxQueue and merge: collects a message, then hands it to a session. */
export abstract class QueueClient extends SubPipelineFilter implements Waiter {
  protected table = new KeyedTable<QueueSession>();
  private session: QueueSession | null = null;
  protected held: Event[] | null = null;

  constructor(target: string, protected readonly key: unknown, protected readonly maxIdle: number) {
    super(target);
  }

  /** Finishes a clone of the prototype: its layout and its table of sessions are shared. */
  protected share<T extends QueueClient>(f: T): T {
    this.twin(f).table = this.table;
    return f;
  }

  override reset(): void {
    super.reset();
    this.session?.detach(this);
    this.session = null;
    this.held = null;
  }

  /** Collects `copy` into the held message; at its end the message goes to the session. */
  protected collect(evt: Event, copy: Event, waiter: Waiter | null): void {
    if (isMessageStart(evt)) this.held = [copy];
    else if (!this.held || !(isData(evt) || isMessageEnd(evt))) return;
    else this.held.push(copy);
    if (!isMessageEnd(evt)) return;
    const events = this.held;
    this.held = null;
    this.sessionNow().send(waiter, events);
  }

  private sessionNow(): QueueSession {
    if (this.session && !this.session.ended) return this.session;
    this.session?.detach(this);
    const key = this.evalParam(this.key);
    let s = this.table.get(key);
    if (!s || s.ended) {
      s = new QueueSession(this.layout!, this.context, this.table, key, this.maxIdle);
      this.table.set(key, s);
    }
    s.attach();
    this.session = s;
    return s;
  }

  deliver(e: Event): void {
    this.output(e);
  }
}

export function maxIdleOption(args: unknown[], i: number): number {
  const v = numOrStr(optObj(args, i), 'maxIdle', 'option');
  return v === undefined ? 10 : parseSeconds(v);
}

export class MuxQueue extends QueueClient {
  readonly name = 'mux';

  static create(args: unknown[]): MuxQueue {
    need(args, 2);
    return new MuxQueue(str(args, 0), args[1], maxIdleOption(args, 2));
  }

  clone(): MuxQueue {
    return this.share(new MuxQueue(this.target, this.key, this.maxIdle));
  }

  protected process(evt: Event): void {
    this.collect(evt, evt, this);
  }
}
