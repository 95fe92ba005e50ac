// wait(condition, [options]): holds every event until condition() holds, re-asking on each event and
// whenever the context group is notified; `options.timeout` releases them anyway (§4.5).

import { Filter, truthy } from '../filter.js';
import type { Event } from '../events.js';
import { need, fn, optObj, numOrStr } from '../args.js';
import { parseSeconds } from '../units.js';

export class Wait extends Filter {
  readonly name = 'wait';
  private open = false;
  private held: Event[] = [];
  private unwatch: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly cond: unknown, private readonly timeout: number) {
    super();
  }

  static create(args: unknown[]): Wait {
    need(args, 1);
    const t = numOrStr(optObj(args, 1), 'timeout');
    return new Wait(fn(args, 0), t === undefined ? 0 : parseSeconds(t));
  }

  clone(): Wait {
    return this.adopt(new Wait(this.cond, this.timeout));
  }

  override reset(): void {
    super.reset();
    this.stop();
    this.open = false;
    this.held = [];
  }

  protected process(evt: Event): void {
    if (this.open) return this.output(evt);
    this.held.push(evt);
    if (!this.unwatch) this.watch();
    this.check();
  }

  private watch(): void {
    this.unwatch = this.context.group.watch(() => this.check());
    if (this.timeout > 0) this.timer = setTimeout(() => this.release(), this.timeout * 1000);
  }

  private check(): void {
    if (!this.open && truthy(this.callback(this.cond, []))) this.release();
  }

  private release(): void {
    this.stop();
    this.open = true;
    const events = this.held;
    this.held = [];
    for (const e of events) this.output(e);
  }

  private stop(): void {
    this.unwatch?.();
    this.unwatch = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  override shutdown(): void {
    this.stop();
  }
}
