// Metrics the admin service exposes (spec §9.2, §10): this process's own gauges, sampled every few
// seconds into a short history for `/api/v1/metrics`, plus the Prometheus text remote workers send
// with their status reports, re-labelled with `instance` for `/metrics`.
//
// The engine does not keep a process-wide metrics registry yet (each worker's `stats` namespace has its
// own), so the local set is what the admin side can observe: live pipelines and inbound connections.

import { StatsRegistry } from '../../stdlib/index.js';
import type { Metric } from '../../stdlib/index.js';
import { liveCounts } from '../pipeline.js';
import { Listener } from '../net/listener.js';

const historyLength = 60;

export interface MetricHistory {
  k: string;
  l: string;
  t: string;
  v: number[];
  s?: MetricHistory[];
}

export class LocalMetrics {
  readonly registry = new StatsRegistry();
  private readonly history = new Map<string, number[]>();
  private sampledAt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor() {
    this.registry.gauge('pipy_pipeline_count', [], (g) => g.set(liveCounts.active));
    this.registry.gauge('pipy_inbound_count', ['listen'], (g) => {
      for (const l of Listener.all()) g.withLabels(`${l.port}@${l.ip}`)!.set(l.connections.size);
    });
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
