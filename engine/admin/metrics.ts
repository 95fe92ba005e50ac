// Metrics the admin service exposes (spec §9.2, §10): one process-wide registry holding the scripts'
// own `stats` metrics (every worker shares it once the admin side exists, so counts survive reloads)
// and the built-in gauges the admin side can observe, sampled every few seconds into a short history
// for `/api/v1/metrics`. Remote workers' Prometheus text is re-labelled with `instance` for `/metrics`.
//
// Built-in metrics: pipy_pipeline_count{module,name} (total = every live pipeline, children = the
// running worker's root and named layouts) and pipy_inbound_count{listen,peer} are computed here; the
// byte counters, outbound metrics and HTTP/2 stream counts come from engine/metrics.ts, which also says
// why pipy_object_count and pipy_chunk_size are not kept.

import { createStats } from '../../stdlib/index.js';
import type { Metric, StatsModule, StatsRegistry, Gauge } from '../../stdlib/index.js';
import { liveCounts } from '../pipeline.js';
import type { PipelineLayout } from '../pipeline.js';
import { Listener } from '../net/listener.js';
import { sharedStats } from '../globals.js';
import { enableTrafficMetrics, registerBuiltinMetrics } from '../metrics.js';

const historyLength = 60;

export interface MetricHistory {
  k: string;
  l: string;
  t: string;
  v: number[];
  s?: MetricHistory[];
}

/** The process-wide `stats` module, installed for every worker created from now on. */
export function processStats(): StatsModule {
  if (sharedStats.module) return sharedStats.module;
  const module = (sharedStats.module = createStats());
  registerBuiltinMetrics(module.registry);
  enableTrafficMetrics();
  return module;
}

export class LocalMetrics {
  readonly registry: StatsRegistry = processStats().registry;
  private readonly history = new Map<string, number[]>();
  private sampledAt = 0;
  private timer: NodeJS.Timeout | null = null;

  /** `layouts` = the running worker's pipeline layouts, for per-layout pipeline counts. */
  constructor(layouts: () => PipelineLayout[] = () => []) {
    this.registry.gauge('pipy_pipeline_count', ['module', 'name'], (g) => countPipelines(g, layouts()));
    this.registry.gauge('pipy_inbound_count', ['listen', 'peer'], countInbound);
  }

  /** Samples now and then every `ms` (the timer does not keep the process alive). */
  start(ms = 5000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), ms);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  sample(): void {
    this.registry.collect();
    this.sampledAt = performance.now() / 1000;
    for (const m of this.registry.list()) {
      m.forEachNode((n) => {
        const key = seriesKey(n);
        const h = this.history.get(key) ?? [];
        h.push(n.snapshot()[0]);
        if (h.length > historyLength) h.shift();
        this.history.set(key, h);
      });
    }
  }

  prometheus(): string {
    return this.registry.renderPrometheus();
  }

  /** `{"time":…,"metrics":[…]}`; with `name`, only that metric and its per-label series. */
  json(name?: string): { time: number; metrics: MetricHistory[] } | null {
    const list = this.registry.list().filter((m) => !name || m.name === name);
    if (name && !list.length) return null;
    return { time: this.sampledAt, metrics: list.map((m) => this.historyOf(m, !!name)) };
  }

  private historyOf(m: Metric, withSubSeries: boolean): MetricHistory {
    const h: MetricHistory = { k: m.name, l: m.labelNames.join('/'), t: m.kind, v: this.history.get(seriesKey(m)) ?? [] };
    if (!withSubSeries) return h;
    const subs: MetricHistory[] = [];
    m.forEachNode((n) => {
      if (n !== m) subs.push({ k: n.labelValues.join('/'), l: '', t: m.kind, v: this.history.get(seriesKey(n)) ?? [] });
    });
    h.s = subs;
    return h;
  }
}

// ---- built-in gauges, recomputed from live state on every collect ------------------------------------

/** Drops last round's label combinations, so closed peers and removed layouts disappear. */
function reset(g: Gauge): void {
  g.zero();
  g.clear();
}

function countPipelines(g: Gauge, layouts: PipelineLayout[]): void {
  reset(g);
  for (const l of layouts) if (l.active) g.withLabels(l.module.path, l.name)!.increase(l.active);
  // The total also counts sub-pipelines and pipelines still draining on a retired worker.
  g.set(liveCounts.active);
}

function countInbound(g: Gauge): void {
  reset(g);
  for (const l of Listener.all()) {
    if (!l.isOpen) continue;
    for (const inbound of l.connections) {
      // The socket is private to the engine's Inbound; only its peer address is read here.
      const peer = inbound['socket'].remoteAddress ?? '';
      g.withLabels(`${l.port}@${l.ip}`, peer)!.increase();
    }
  }
}

function seriesKey(m: Metric): string {
  return [m.name, ...m.labelValues].join('\0');
}

/** Puts `instance="<name>"` first on every sample line of a worker's Prometheus text. */
export function withInstanceLabel(text: string, instance: string): string {
  const label = `instance="${instance.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : '\\' + c))}"`;
  return text
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => (/^[^\s{]+\{/.test(l) ? l.replace('{', `{${label},`) : l.replace(/^(\S+)/, `$1{${label}}`)))
    .map((l) => l + '\n')
    .join('');
}
