// Pipeline layouts and their pooled instances (spec §1.2, §3.2). A layout is a module's named list of
// filter prototypes; a pipeline is one instance: each prototype cloned, chained in order and bound to
// one context. Whoever allocates a pipeline releases it when the stream is over; its filters are then
// reset and the instance waits in the layout's pool for the next stream.

import type { Event } from './events.js';
import type { EventSink, Filter } from './filter.js';
import type { Module } from './module.js';
import type { StreamContext } from './context.js';
import { ConfigError } from './errors.js';

export type LayoutKind = 'listen' | 'read' | 'task' | 'pipeline';

/** Every pipeline alive in the process, for graceful shutdown (§6.6). */
export const liveCounts = { active: 0 };

const nowhere: EventSink = { input() {} };

/** Pipelines released since the last microtask checkpoint, recycled together in one microtask. */
const released: Pipeline[] = [];

/**
 * Schedules `recycleReleased` as a microtask. A promise reaction instead of queueMicrotask, which in
 * Node makes an async resource per call; a throw still surfaces as an uncaught exception.
 */
const resolved = Promise.resolve();
function scheduleRecycle(): void {
  void resolved.then(runRecycle);
}
function runRecycle(): void {
  try {
    recycleReleased();
  } catch (e) {
    queueMicrotask(() => {
      throw e;
    });
  }
}

function recycleReleased(): void {
  // Resets may release more pipelines (sub-pipelines of joint filters): they join this round.
  for (let i = 0; i < released.length; i++) {
    const p = released[i];
    try {
      p.recycle();
    } catch (e) {
      released.splice(0, i + 1);
      if (released.length) scheduleRecycle();
      throw e;
    }
  }
  released.length = 0;
}

export class PipelineLayout {
  readonly filters: Filter[] = [];
  private readonly pool: Pipeline[] = [];
  active = 0;

  constructor(
    readonly module: Module,
    readonly kind: LayoutKind,
    /** Internal name (`8080@0.0.0.0`, `Task #1`, a pipeline's name). */
    readonly name: string,
    /** Graph title (`Listen on 8080 at 0.0.0.0`). */
    readonly title: string,
  ) {}

  append(f: Filter): void {
    this.filters.push(f);
  }

  /** Binds every filter's sub-pipeline names; throws ConfigError for the first unknown name. */
  bind(): void {
    for (const f of this.filters) f.bind();
  }

  /** A pipeline instance for one stream: from the pool when possible. */
  instantiate(context: StreamContext, out: EventSink = nowhere): Pipeline {
    const p = this.pool.pop() ?? new Pipeline(this);
    p.start(context, out);
    this.active++;
    liveCounts.active++;
    return p;
  }

  recycle(p: Pipeline): void {
    this.active--;
    liveCounts.active--;
    if (this.pool.length < 256) this.pool.push(p);
  }
}

export class Pipeline implements EventSink {
  readonly filters: Filter[];
  context!: StreamContext;
  private out: EventSink = nowhere;
  private head: EventSink;
  private live = false;

  constructor(readonly layout: PipelineLayout) {
    this.filters = layout.filters.map((f) => f.clone());
    const tail: EventSink = { input: (e) => this.out.input(e) };
    this.filters.forEach((f, i) => {
      f.pipeline = this;
      f.next = this.filters[i + 1] ?? tail;
    });
    this.head = this.filters[0] ?? tail;
  }

  start(context: StreamContext, out: EventSink): void {
    this.context = context;
    this.out = out;
    this.live = true;
  }

  /** Redirects the output (joint filters re-point a sub-pipeline they hand over). */
  chain(out: EventSink): void {
    this.out = out;
  }

  input(evt: Event): void {
    if (this.live) this.head.input(evt);
  }

  /** Ends this instance: filters reset, output disconnected, back to the pool. */
  release(): void {
    if (!this.live) return;
    this.live = false;
    this.out = nowhere;
    // A pipeline is often released from inside its own output; resetting later lets the filters
    // still on the stack finish their call first (their output now goes nowhere).
    if (released.push(this) === 1) scheduleRecycle();
  }

  /** Resets the filters and gives the instance back to its layout's pool. */
  recycle(): void {
    for (const f of this.filters) f.reset();
    this.layout.recycle(this);
  }

  shutdown(): void {
    for (const f of this.filters) f.shutdown();
  }
}

/** Finds a layout by name in a module for a joint filter; unknown names are a configuration error. */
export function requireLayout(module: Module, name: string): PipelineLayout {
  const l = module.layoutNamed(name);
  if (!l) throw new ConfigError(`pipeline not found: ${name}`);
  return l;
}
