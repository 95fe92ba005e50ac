// fork(target, [initializers]): copies every event into one or more sub-pipelines and passes the
// original on; sub-pipeline output is discarded (§4.1). Without initializers the one sub-pipeline
// shares the context; otherwise each gets a clone with the initializer's fields assigned.

import { Failed } from '../filter.js';
import type { Event } from '../events.js';
import { cloneEvent } from '../events.js';
import type { Pipeline } from '../pipeline.js';
import { TargetFilter } from './target-filter.js';
import { need, str } from '../args.js';
import { isCallable, isGuestObject } from '../../interpreter/index.js';
import type { StreamContext } from '../context.js';
import * as log from '../log.js';

export class Fork extends TargetFilter {
  readonly name = 'fork';
  private subs: Pipeline[] | null = null;

  constructor(target: string, private readonly init: unknown) {
    super(target);
  }

  static create(args: unknown[]): Fork {
    need(args, 1);
    return new Fork(str(args, 0), args[1]);
  }

  clone(): Fork {
    return this.twin(new Fork(this.target, this.init));
  }

  override reset(): void {
    super.reset();
    for (const p of this.subs ?? []) p.release();
    this.subs = null;
  }

  protected process(evt: Event): void {
    this.subs ??= this.start();
    for (const p of this.subs) p.input(cloneEvent(evt));
    this.output(evt);
  }

  private start(): Pipeline[] {
    if (this.init === undefined || this.init === null) return [this.layout!.instantiate(this.context)];
    return this.initializers().map((o) => this.layout!.instantiate(this.initialized(o)));
  }

  private initializers(): unknown[] {
    let v = this.init;
    if (isCallable(v)) v = this.callback(v, []);
    if (Array.isArray(v)) return v;
    if (isGuestObject(v)) return [v];
    if (v !== Failed) log.error('[fork] invalid initializer list');
    return [];
  }

  /** A cloned context with the initializer's fields assigned into this module's variables. */
  private initialized(o: unknown): StreamContext {
    const ctx = this.context.clone();
    if (!isGuestObject(o)) return ctx;
    const frame = ctx.frames[this.module.frame];
    for (const k of Object.keys(o)) {
      const slot = this.module.slotOf(k);
      if (slot !== undefined) frame[slot] = o[k];
    }
    return ctx;
  }
}
