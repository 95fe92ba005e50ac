// link(target1, [cond1], target2, [cond2], …): sends the stream to the first target whose condition
// holds (a target without condition is the default); events wait in a buffer until one is chosen (§4.1).
// The chosen sub-pipeline shares the context and its output is this filter's output; '' passes through.

import { Filter, truthy } from '../filter.js';
import type { Event } from '../events.js';
import { isCallable } from '../../interpreter/index.js';
import type { Pipeline, PipelineLayout } from '../pipeline.js';
import { requireLayout } from '../pipeline.js';
import { need, fail } from '../args.js';

interface Route {
  target: string;
  cond: unknown;
  layout: PipelineLayout | null;
}

export class Link extends Filter {
  readonly name = 'link';
  private chosen: Route | null = null;
  private sub: Pipeline | null = null;
  private pending: Event[] = [];
  /** The sub-pipeline's output comes back here. */
  private readonly back = { input: (e: Event) => this.output(e) };

  constructor(private readonly routes: Route[]) {
    super();
  }

  static create(args: unknown[]): Link {
    need(args, 1);
    const routes: Route[] = [];
    for (let i = 0; i < args.length; i++) {
      if (typeof args[i] !== 'string') fail(`argument #${i + 1} expects a string`);
      const route: Route = { target: args[i] as string, cond: undefined, layout: null };
      if (i + 1 < args.length) {
        if (!isCallable(args[i + 1])) fail(`argument #${i + 2} expects a function`);
        route.cond = args[++i];
      }
      routes.push(route);
    }
    return new Link(routes);
  }

  clone(): Link {
    return this.adopt(new Link(this.routes));
  }

  override targets(): string[] {
    return this.routes.map((r) => r.target);
  }

  override bind(): void {
    for (const r of this.routes) r.layout = r.target ? requireLayout(this.module, r.target) : null;
  }

  override reset(): void {
    super.reset();
    this.sub?.release();
    this.sub = null;
    this.chosen = null;
    this.pending = [];
  }

  protected process(evt: Event): void {
    if (!this.chosen) {
      this.pending.push(evt);
      if (!this.choose()) return;
      const events = this.pending;
      this.pending = [];
      for (const e of events) this.forward(e);
      return;
    }
    this.forward(evt);
  }

  private choose(): boolean {
    for (const r of this.routes) {
      if (r.cond === undefined || truthy(this.callback(r.cond, []))) {
        this.chosen = r;
        if (r.layout) this.sub = r.layout.instantiate(this.context, this.back);
        return true;
      }
    }
    return false;
  }

  private forward(evt: Event): void {
    if (this.sub) this.sub.input(evt);
    else this.output(evt);
  }
}
