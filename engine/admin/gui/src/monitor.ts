// The console's monitoring pages (spec §9.6): Instances — this process's status and the workers that
// report to each codebase — and Metrics — every metric with its latest value and a sparkline of the
// sampled history, and for one metric its per-label series. Both refresh every few seconds while open.

import { h } from './dom.js';
import { json, text } from './api.js';

export interface Status {
  timestamp: number;
  uuid: string;
  name: string;
  version: string;
  modules: Record<string, unknown>;
}

interface MetricHistory {
  k: string;
  l: string;
  t: string;
  v: number[];
  s?: MetricHistory[];
}

const refreshMs = 5000;

/** Runs `draw` now and every few seconds; returns the function that stops it. */
export function polling(draw: () => Promise<void>): () => void {
  let stopped = false;
  let timer = 0;
  const tick = async () => {
    try {
      await draw();
    } finally {
      if (!stopped) timer = window.setTimeout(() => void tick(), refreshMs);
    }
  };
  void tick();
  return () => ((stopped = true), clearTimeout(timer));
}

const table = (id: string, head: string[], rows: HTMLElement[]) =>
  h('table', { class: 'grid', id }, h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))), h('tbody', {}, ...rows));

const cells = (...values: (Node | string)[]) => h('tr', {}, ...values.map((v) => h('td', {}, v)));

const age = (ms: number) => `${Math.max(0, Math.round((Date.now() - ms) / 1000))} s ago`;

// ---- instances ----------------------------------------------------------------------------------------

export async function drawInstances(target: HTMLElement): Promise<void> {
  const self = await json<Status>('/api/v1/status');
  const reports = await reportingInstances();
  const row = (codebase: string, s: Status) =>
    cells(codebase, s.uuid, s.name || '—', s.version || '—', Object.keys(s.modules ?? {}).join(', ') || '—', age(s.timestamp));
  const head = ['Codebase', 'UUID', 'Name', 'Version', 'Modules', 'Reported'];
  const program = await text('GET', '/api/v1/program');
  target.replaceChildren(
    h('h3', {}, 'This process'),
    table('self-instance', head, [row(program || '(stopped)', self)]),
    h('h3', {}, 'Reporting workers'),
    reports.length ? table('instances', head, reports.map(([c, s]) => row(c, s))) : h('p', { class: 'muted', id: 'no-instances' }, 'No worker reports to this repo.'));
}

/** `[codebase, status]` for every worker reporting to any codebase (none without a repo). */
async function reportingInstances(): Promise<[string, Status][]> {
  const res = await fetch('/api/v1/repo');
  if (!res.ok) return [];
  const paths = (await res.text()).split('\n').filter(Boolean);
  const infos = await Promise.all(paths.map((p) => json<{ instances?: Record<string, Status> }>(`/api/v1/repo${p}`)));
  return infos.flatMap((info, i) => Object.values(info.instances ?? {}).map((s): [string, Status] => [paths[i], s]));
}

// ---- metrics ------------------------------------------------------------------------------------------

/** All metrics, or with `name` that metric's per-label series. */
export async function drawMetrics(target: HTMLElement, name: string | null, open: (name: string | null) => void): Promise<void> {
  const data = await json<{ metrics: MetricHistory[] }>(`/api/v1/metrics${name ? '/' + encodeURIComponent(name) : ''}`);
  if (!name) {
    const rows = data.metrics.map((m) => {
      const link = h('a', { href: '#', class: 'metric-link', onclick: (e: Event) => (e.preventDefault(), open(m.k)) }, m.k);
      const tr = cells(link, m.t, m.l || '—', last(m.v), sparkline(m.v));
      tr.dataset.metric = m.k;
      return tr;
    });
    return void target.replaceChildren(table('metrics', ['Metric', 'Type', 'Labels', 'Value', 'History'], rows));
  }
  const m = data.metrics[0];
  const series = (m.s ?? []).map((s) => cells(s.k, last(s.v), sparkline(s.v)));
  target.replaceChildren(
    h('div', { class: 'toolbar' }, h('button', { id: 'all-metrics', onclick: () => open(null) }, '← All metrics'), h('h3', { id: 'metric-name' }, `${m.k} (${m.t})`)),
    table('metric-total', ['Total', 'History'], [cells(last(m.v), sparkline(m.v))]),
    series.length ? table('metric-series', [m.l || 'Labels', 'Value', 'History'], series) : h('p', { class: 'muted' }, 'No labelled series.'));
}

const last = (v: number[]) => (v.length ? String(v[v.length - 1]) : '—');

/** A small SVG line over the samples, scaled to their range. */
function sparkline(v: number[]): Node {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const [w, hgt] = [120, 24];
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(hgt));
  svg.setAttribute('class', 'sparkline');
  if (v.length < 2) return svg;
  const [lo, hi] = [Math.min(...v), Math.max(...v)];
  const y = (n: number) => (hi === lo ? hgt / 2 : hgt - 2 - ((n - lo) / (hi - lo)) * (hgt - 4));
  const points = v.map((n, i) => `${((i / (v.length - 1)) * w).toFixed(1)},${y(n).toFixed(1)}`).join(' ');
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points);
  svg.append(line);
  return svg;
}
