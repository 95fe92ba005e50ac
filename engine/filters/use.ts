// use(module, layout) / use([modules], layout, [layoutDown], [turnDown]): runs layouts of other modules
// as a chain of stages sharing this stream's context (spec §1.4). Events climb through every stage's
// up pipeline, then come back down through the down pipelines in reverse; `turnDown()`, asked once
// per stage when the first event gets there, sends the stream down early.

import { Filter, truthy, noArgs } from '../filter.js';
import type { Event, } from '../events.js';
import type { EventSink } from '../filter.js';
import type { Pipeline, PipelineLayout } from '../pipeline.js';
import type { Module } from '../module.js';
import type { Configuration } from '../configuration.js';
import { ConfigError } from '../errors.js';
import { need, fail, str, fn } from '../args.js';
import { isAbsent } from '../args.js';
import { isCallable } from '../../interpreter/index.js';

interface Stage {
  up: PipelineLayout | null;
  down: PipelineLayout | null;
}

interface UseSpec {
  modules: Module[];
  layout: string;
  layoutDown: string | null;
  turnDown: unknown;
  single: boolean;
}

interface StageState {
  up: Pipeline | null;
  down: Pipeline | null;
  turned: boolean | undefined;
}

export class Use extends Filter {
  readonly name = 'use';
  private stages: Stage[] = [];
  /** Per stage, kept across streams (reset clears it): pipelines and the turnDown answer. */
  private state: StageState[] = [];
  /** Per stage, the outputs of its up and down pipelines, made once per instance. */
  private upSinks: EventSink[] = [];
  private downSinks: EventSink[] = [];

  constructor(private readonly spec: UseSpec, stages: Stage[] = []) {
    super();
    this.stages = stages;
  }

  static create(args: unknown[], cfg: Configuration): Use {
    need(args, 2);
    const worker = cfg.module.worker;
    if (Array.isArray(args[0])) return new Use(arrayForm(args, (p) => worker.loadUsed(p, '')));
    const file = str(args, 0);
    const layout = str(args, 1);
    return new Use({ modules: [worker.loadUsed(file, file)], layout, layoutDown: null, turnDown: undefined, single: true });
  }

  clone(): Use {
    return this.adopt(new Use(this.spec, this.stages));
  }

  /** Graph text: `use /plugins/router.js (plus 1 more) [request]`. */
  get graphLabel(): string {
    const [first, ...more] = this.spec.modules;
    const plus = more.length ? ` (plus ${more.length} more)` : '';
    return `use ${first?.path ?? ''}${plus} [${this.spec.layout}]`;
  }

  override bind(): void {
    const { modules, layout, layoutDown, single } = this.spec;
    if (single && !modules[0].layoutNamed(layout)) {
      throw new ConfigError(`pipeline not found in module ${modules[0].path}: ${layout}`);
    }
    this.stages = [];
    for (const m of modules) {
      const up = m.layoutNamed(layout);
      const down = layoutDown ? m.layoutNamed(layoutDown) : null;
      if (up || down) this.stages.push({ up, down });
    }
  }

  override reset(): void {
    super.reset();
    for (const s of this.state) {
      s.up?.release();
      s.down?.release();
      s.up = s.down = null;
      s.turned = undefined;
    }
  }

  protected process(evt: Event): void {
    this.climb(0, evt);
  }

  private stateOf(k: number): StageState {
    return (this.state[k] ??= { up: null, down: null, turned: undefined });
  }

  private climb(k: number, evt: Event): void {
    if (k >= this.stages.length) return this.descend(k - 1, evt);
    const st = this.stateOf(k);
    if (st.turned === undefined) {
      const turnDown = this.spec.turnDown;
      st.turned = turnDown !== undefined && isCallable(turnDown) && truthy(this.callback(turnDown, noArgs));
    }
    if (st.turned) return this.descend(k - 1, evt);
    const layout = this.stages[k].up;
    if (!layout) return this.climb(k + 1, evt);
    st.up ??= layout.instantiate(this.context, (this.upSinks[k] ??= { input: (e) => this.climb(k + 1, e) }));
    st.up.input(evt);
  }

  private descend(k: number, evt: Event): void {
    if (k < 0 || this.spec.layoutDown === null) return this.output(evt);
    const layout = this.stages[k].down;
    if (!layout) return this.descend(k - 1, evt);
    const st = this.stateOf(k);
    st.down ??= layout.instantiate(this.context, (this.downSinks[k] ??= { input: (e) => this.descend(k - 1, e) }));
    st.down.input(evt);
  }
}

function arrayForm(args: unknown[], load: (p: string) => Module): UseSpec {
  const files = args[0] as unknown[];
  const layout = str(args, 1);
  let layoutDown: string | null = null;
  let turnDown: unknown;
  if (typeof args[2] === 'string') {
    layoutDown = args[2];
    if (!isAbsent(args[3])) turnDown = fn(args, 3);
  } else if (!isAbsent(args[2])) turnDown = fn(args, 2);
  const modules = files.map((f, i) => {
    if (typeof f !== 'string') fail(`argument #1[${i}] expects a string`);
    return load(f);
  });
  return { modules, layout, layoutDown, turnDown, single: false };
}
