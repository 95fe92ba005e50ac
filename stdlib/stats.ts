// stats: Prometheus-style metrics (pipyjs-language.md §3.17, pipy-engine.md §10).
//
// A metric is a tree: the root is the total, `withLabels(v1, v2...)` walks (and grows) one level per
// label value. Every change is applied to the node and all its ancestors, so each node always holds
// the sum over its subtree. Values are vectors, so counters, gauges and histograms share that logic:
// [value] for Counter and Gauge, [per-bucket counts..., overflow count, sum, count] for Histogram.
//
// Metrics live in a registry, one name per metric. Creating a metric whose name is taken by one of the
// same shape returns the existing one (so a reloaded script keeps counting); another shape replaces it.
// The Prometheus text is `name value` for the total and `name{label="v",...} value` for every full
// label combination; histograms as `name_bucket{...,le="x"}`, `name_sum`, `name_count`. No `# TYPE`
// lines (§10 has none). `clear()` drops sub-metrics but keeps the totals they contributed.

import { HostClass, HostObject, Namespace, bindHostClass, typeError, toString, cost } from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { expectArray, expectNumber, expectString, optional } from './arguments.js';

export type MetricKind = 'Counter' | 'Gauge' | 'Histogram';

// ---- the metric tree ----------------------------------------------------------------------------------

export abstract class Metric extends HostObject {
  abstract readonly kind: MetricKind;
  /** This node's values (see the header); the root's is the total. */
  protected values: number[];
  private children: Map<string, Metric> | null = null;

  constructor(
    readonly name: string,
    /** Every label name of the metric (the same array for the whole tree). */
    readonly labelNames: readonly string[],
    /** The label values from the root down to this node. */
    readonly labelValues: readonly string[],
    readonly parent: Metric | null,
    width: number,
  ) {
    super();
    this.values = new Array(width).fill(0);
  }

  protected abstract child(value: string): Metric;

  /** The sub-metric for these label values; null when this node has no label dimension left. */
  withLabels(...values: string[]): Metric | null {
    if (this.labelValues.length >= this.labelNames.length) return null;
    let node: Metric = this;
    for (const v of values.slice(0, this.labelNames.length - this.labelValues.length)) node = node.childFor(v);
    return node;
  }

  private childFor(value: string): Metric {
    this.children ??= new Map();
    let c = this.children.get(value);
    if (!c) this.children.set(value, (c = this.child(value)));
    return c;
  }

  /** Adds `delta` to this node and every ancestor. */
  protected add(delta: readonly number[]): void {
    for (let m: Metric | null = this; m; m = m.parent) {
      for (let i = 0; i < delta.length; i++) m.values[i] += delta[i];
    }
  }

  /** Sets this subtree to zero; ancestors lose what it held. */
  zero(): void {
    this.add(this.values.map((v) => -v));
    this.forEachNode((m) => m.values.fill(0));
  }

  /** Drops the sub-metrics; the totals they added stay. */
  clear(): void {
    this.children = null;
  }

  /** Depth-first over this node and its descendants, in creation order. */
  forEachNode(f: (m: Metric) => void): void {
    f(this);
    if (this.children) for (const c of this.children.values()) c.forEachNode(f);
  }

  /** A copy of this node's value vector. */
  snapshot(): number[] {
    return this.values.slice();
  }

  /** Same name, kind and labels (and buckets): a re-created metric may reuse this one. */
  sameShape(other: Metric): boolean {
    return other.kind === this.kind && sameList(other.labelNames, this.labelNames);
  }
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export class Counter extends Metric {
  readonly kind = 'Counter';
  constructor(name: string, labelNames: readonly string[] = [], labelValues: readonly string[] = [], parent: Counter | null = null) {
    super(name, labelNames, labelValues, parent, 1);
  }
  protected child(value: string): Counter {
    return new Counter(this.name, this.labelNames, [...this.labelValues, value], this);
  }
  get value(): number {
    return this.values[0];
  }
  increase(n = 1): void {
    this.add([n]);
  }
  override withLabels(...values: string[]): Counter | null {
    return super.withLabels(...values) as Counter | null;
  }
}

export class Gauge extends Metric {
  readonly kind = 'Gauge';
  /** Called before the gauge is read for rendering (built-in gauges sample their source here). */
  onCollect: ((g: Gauge) => void) | null = null;
  constructor(name: string, labelNames: readonly string[] = [], labelValues: readonly string[] = [], parent: Gauge | null = null) {
    super(name, labelNames, labelValues, parent, 1);
  }
  protected child(value: string): Gauge {
    return new Gauge(this.name, this.labelNames, [...this.labelValues, value], this);
  }
  get value(): number {
    return this.values[0];
  }
  set(n: number): void {
    this.add([n - this.values[0]]);
  }
  increase(n = 1): void {
    this.add([n]);
  }
  decrease(n = 1): void {
    this.add([-n]);
  }
  override withLabels(...values: string[]): Gauge | null {
    return super.withLabels(...values) as Gauge | null;
  }
}

export class Histogram extends Metric {
  readonly kind = 'Histogram';
  /** Upper bounds, ascending; a last +Inf bucket is implicit. */
  readonly buckets: readonly number[];
  constructor(name: string, buckets: readonly number[], labelNames: readonly string[] = [], labelValues: readonly string[] = [], parent: Histogram | null = null) {
    super(name, labelNames, labelValues, parent, buckets.length + 3);
    this.buckets = buckets;
  }
  protected child(value: string): Histogram {
    return new Histogram(this.name, this.buckets, this.labelNames, [...this.labelValues, value], this);
  }
  observe(n: number): void {
    const delta = new Array(this.values.length).fill(0);
    const i = this.buckets.findIndex((limit) => n <= limit);
    delta[i < 0 ? this.buckets.length : i] = 1;
    delta[this.buckets.length + 1] = n;
    delta[this.buckets.length + 2] = 1;
    this.add(delta);
  }
  /** Cumulative counts per bucket, +Inf last. */
  cumulative(): number[] {
    let acc = 0;
    return this.values.slice(0, this.buckets.length + 1).map((c) => (acc += c));
  }
  get sum(): number {
    return this.values[this.buckets.length + 1];
  }
  get count(): number {
    return this.values[this.buckets.length + 2];
  }
  override sameShape(other: Metric): boolean {
    return super.sameShape(other) && sameList((other as Histogram).buckets, this.buckets);
  }
  override withLabels(...values: string[]): Histogram | null {
    return super.withLabels(...values) as Histogram | null;
  }
}

// ---- the registry and Prometheus text -----------------------------------------------------------------

export class StatsRegistry {
  private readonly metrics = new Map<string, Metric>();

  /** Registers `m` unless a metric of the same shape has its name: then that one is returned. */
  register<M extends Metric>(m: M): M {
    const old = this.metrics.get(m.name);
    if (old && old.sameShape(m)) return old as M;
    this.metrics.set(m.name, m);
    return m;
  }

  counter(name: string, labelNames: readonly string[] = []): Counter {
    return this.register(new Counter(name, labelNames));
  }

  gauge(name: string, labelNames: readonly string[] = [], onCollect?: (g: Gauge) => void): Gauge {
    const g = this.register(new Gauge(name, labelNames));
    if (onCollect) g.onCollect = onCollect;
    return g;
  }

  histogram(name: string, buckets: readonly number[], labelNames: readonly string[] = []): Histogram {
    return this.register(new Histogram(name, buckets, labelNames));
  }

  get(name: string): Metric | undefined {
    return this.metrics.get(name);
  }

  remove(name: string): boolean {
    return this.metrics.delete(name);
  }

  /** All metrics in registration order. */
  list(): Metric[] {
    return [...this.metrics.values()];
  }

  /** Runs the collect callbacks of gauges (before sampling or rendering). */
  collect(): void {
    for (const m of this.metrics.values()) if (m instanceof Gauge && m.onCollect) m.onCollect(m);
  }

  /** Prometheus text of every metric; `extraLabels` (e.g. `{instance: 'w1'}`) go first on every line. */
  renderPrometheus(extraLabels: Record<string, string> = {}): string {
    this.collect();
    const lines: string[] = [];
    for (const m of this.metrics.values()) renderMetric(m, Object.entries(extraLabels), lines);
    return lines.map((l) => l + '\n').join('');
  }
}

type Labels = [string, string][];

function renderMetric(root: Metric, extra: Labels, lines: string[]): void {
  root.forEachNode((m) => {
    if (m !== root && m.labelValues.length < m.labelNames.length) return;
    const labels: Labels = [...extra, ...m.labelValues.map((v, i): [string, string] => [m.labelNames[i], v])];
    if (m instanceof Histogram) renderHistogram(m, labels, lines);
    else lines.push(`${m.name}${labelText(labels)} ${formatNumber(m.snapshot()[0])}`);
  });
}

function renderHistogram(h: Histogram, labels: Labels, lines: string[]): void {
  const counts = h.cumulative();
  const limits = [...h.buckets.map(formatNumber), '+Inf'];
  limits.forEach((le, i) => lines.push(`${h.name}_bucket${labelText([...labels, ['le', le]])} ${formatNumber(counts[i])}`));
  lines.push(`${h.name}_sum${labelText(labels)} ${formatNumber(h.sum)}`);
  lines.push(`${h.name}_count${labelText(labels)} ${formatNumber(h.count)}`);
}

function labelText(labels: Labels): string {
  if (labels.length === 0) return '';
  return '{' + labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',') + '}';
}

/** The exposition format escapes backslash, double quote and newline in label values. */
function escapeLabel(v: string): string {
  return v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : '\\' + c));
}

function formatNumber(n: number): string {
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

// ---- the guest namespace --------------------------------------------------------------------------------

function nameArg(v: unknown): string {
  const name = expectString(v, 0);
  if (name === '') throw typeError('metric name cannot be empty');
  return name;
}

/** Label names: an optional array (index i), each element ToString'd. */
function stringList(v: unknown, i: number, rt: Runtime): string[] {
  const list = optional(v, i, (a) => expectArray(a, i, 'an array')) ?? [];
  rt.charge(list.length);
  return list.map((x) => toString(x, rt));
}

function bucketList(v: unknown, rt: Runtime): number[] {
  const list = expectArray(v, 1, 'an array');
  rt.charge(list.length);
  if (!list.every((x) => typeof x === 'number' && !Number.isNaN(x))) throw typeError('bucket limits must be numbers');
  return (list as number[]).filter((x) => x !== Infinity).sort((a, b) => a - b);
}

/** An optional amount: undefined and null mean 1. */
function amount(v: unknown): number {
  return optional(v, 0, expectNumber) ?? 1;
}

function guestWithLabels(self: Metric, args: unknown[], rt: Runtime): Metric | null {
  rt.alloc(args.length * cost.object);
  return self.withLabels(...args.map((a) => toString(a, rt)));
}

const common = {
  withLabels: guestWithLabels,
  zero: (self: Metric) => void self.zero(),
  clear: (self: Metric) => void self.clear(),
};
const nameGetter = { name: (self: Metric) => self.name };

export const CounterClass = new HostClass({
  name: 'Counter',
  methods: { ...common, increase: (self: Counter, a) => void self.increase(amount(a[0])), valueOf: (self: Counter) => self.value },
  getters: nameGetter,
});

export const GaugeClass = new HostClass({
  name: 'Gauge',
  methods: {
    ...common,
    set: (self: Gauge, a) => void self.set(expectNumber(a[0], 0)),
    increase: (self: Gauge, a) => void self.increase(amount(a[0])),
    decrease: (self: Gauge, a) => void self.decrease(amount(a[0])),
    valueOf: (self: Gauge) => self.value,
  },
  getters: nameGetter,
});

export const HistogramClass = new HostClass({
  name: 'Histogram',
  methods: {
    ...common,
    observe: (self: Histogram, a) => void self.observe(expectNumber(a[0], 0)),
    valueOf: (self: Histogram, _a: unknown[], rt: Runtime) => (rt.alloc(cost.arrayBase + (self.buckets.length + 1) * cost.element), self.cumulative()),
  },
  getters: nameGetter,
});

bindHostClass(Counter, CounterClass);
bindHostClass(Gauge, GaugeClass);
bindHostClass(Histogram, HistogramClass);

export interface StatsModule {
  namespace: Namespace;
  registry: StatsRegistry;
}

/**
 * A registry and the `stats` namespace creating metrics in it. The guest constructors are made per
 * registry (they must know where to register); instances keep the shared classes above, so
 * `instanceof stats.Counter` is true for every Counter.
 */
export function createStats(registry = new StatsRegistry()): StatsModule {
  const ctor = (name: MetricKind, of: new (...a: any[]) => Metric, construct: (args: unknown[], rt: Runtime) => Metric) =>
    new HostClass({ name, construct: (args, rt) => (rt.alloc(cost.object), construct(args, rt)), isInstance: (v) => v instanceof of });
  const namespace = new Namespace('stats', {
    Counter: ctor('Counter', Counter, (a, rt) => registry.counter(nameArg(a[0]), stringList(a[1], 1, rt))),
    Gauge: ctor('Gauge', Gauge, (a, rt) => registry.gauge(nameArg(a[0]), stringList(a[1], 1, rt))),
    Histogram: ctor('Histogram', Histogram, (a, rt) => registry.histogram(nameArg(a[0]), bucketList(a[1], rt), stringList(a[2], 2, rt))),
  });
  return { namespace, registry };
}
