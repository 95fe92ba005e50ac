// stats: metric trees, the guest API and the Prometheus text of pipy-engine.md §10.

import { describe, it, expect } from 'vitest';
import { createStats, StatsRegistry, Counter, Gauge, Histogram } from '../index.js';
import { makeRealm } from './harness.js';

function realmWithStats() {
  const stats = createStats();
  return { t: makeRealm({ stats }), registry: stats.registry };
}

describe('stats from scripts', () => {
  it('counts, with labels adding up to the total', () => {
    const { t, registry } = realmWithStats();
    t.run(`(c => (
      c.increase(),
      c.withLabels('GET', '200').increase(2),
      c.withLabels('POST', '500').increase()
    ))(new stats.Counter('http_requests', ['method', 'status']))`);
    expect(registry.renderPrometheus()).toBe(
      'http_requests 4\n' + 'http_requests{method="GET",status="200"} 2\n' + 'http_requests{method="POST",status="500"} 1\n',
    );
  });

  it('valueOf gives the value; withLabels beyond the dimensions gives null', () => {
    const { t } = realmWithStats();
    expect(t.run("(c => (c.increase(5), c.valueOf()))(new stats.Counter('a'))")).toBe(5);
    expect(t.run("(c => (c.increase(5), c + 1))(new stats.Counter('b'))")).toBe(6);
    expect(t.run("new stats.Counter('c').withLabels('x')")).toBeNull();
    expect(t.run("new stats.Counter('d', ['l']).withLabels('x').withLabels('y')")).toBeNull();
    expect(t.run("new stats.Counter('e').name")).toBe('e');
  });

  it('gauges set, increase, decrease and zero', () => {
    const { t, registry } = realmWithStats();
    expect(t.run(`(g => (
      g.withLabels('a').set(10), g.withLabels('b').increase(3), g.withLabels('a').decrease(4), g.valueOf()
    ))(new stats.Gauge('conns', ['peer']))`)).toBe(9);
    expect(t.run("(g => (g.withLabels('a').zero(), g.valueOf()))(new stats.Gauge('conns', ['peer']))")).toBe(3);
    expect(registry.renderPrometheus()).toBe('conns 3\nconns{peer="a"} 0\nconns{peer="b"} 3\n');
  });

  it('histograms give cumulative buckets, sum and count', () => {
    const { t, registry } = realmWithStats();
    expect(t.run("(h => (h.observe(1), h.observe(5), h.observe(50), h.withLabels('x').observe(2), h.valueOf()))(new stats.Histogram('lat', [1, 10], ['peer']))")).toEqual([1, 3, 4]);
    expect(registry.renderPrometheus()).toBe(
      [
        'lat_bucket{le="1"} 1',
        'lat_bucket{le="10"} 3',
        'lat_bucket{le="+Inf"} 4',
        'lat_sum 58',
        'lat_count 4',
        'lat_bucket{peer="x",le="1"} 0',
        'lat_bucket{peer="x",le="10"} 1',
        'lat_bucket{peer="x",le="+Inf"} 1',
        'lat_sum{peer="x"} 2',
        'lat_count{peer="x"} 1',
        '',
      ].join('\n'),
    );
  });

  it('re-creating a metric of the same shape keeps counting', () => {
    const { t, registry } = realmWithStats();
    t.run("new stats.Counter('n').increase(2)");
    t.run("new stats.Counter('n').increase(3)");
    expect(registry.renderPrometheus()).toBe('n 5\n');
    t.run("new stats.Gauge('n').set(1)");
    expect(registry.renderPrometheus()).toBe('n 1\n');
  });

  it('instanceof works for every registry', () => {
    const { t } = realmWithStats();
    expect(t.run("new stats.Counter('i') instanceof stats.Counter")).toBe(true);
    expect(t.run("new stats.Gauge('j') instanceof stats.Counter")).toBe(false);
  });

  it('checks arguments', () => {
    const { t } = realmWithStats();
    expect(t.error('new stats.Counter(1)').detail).toBe('argument #1 expects a string');
    expect(t.error("new stats.Counter('x', 'l')").detail).toBe('argument #2 expects an array');
    expect(t.error("new stats.Histogram('h')").detail).toBe('argument #2 expects an array');
    expect(t.error("new stats.Gauge('g').set('1')").detail).toBe('argument #1 expects a number');
    expect(t.error("new stats.Counter('c').increase('1')").detail).toBe('argument #1 expects a number');
  });

  it('clear drops sub-metrics and keeps the total', () => {
    const { t, registry } = realmWithStats();
    t.run("(c => (c.withLabels('a').increase(), c.clear()))(new stats.Counter('k', ['l']))");
    expect(registry.renderPrometheus()).toBe('k 1\n');
  });
});

describe('StatsRegistry for the engine', () => {
  it('renders built-in metrics with collect callbacks and extra labels', () => {
    const registry = new StatsRegistry();
    let objects = 0;
    registry.gauge('pipy_object_count', ['type'], (g) => {
      g.withLabels('Data')!.set(objects);
    });
    registry.counter('pipy_inbound_in', ['listen', 'peer']).withLabels('8080@0.0.0.0', '127.0.0.1')!.increase(100);
    objects = 7;
    expect(registry.renderPrometheus({ instance: 'w1' })).toBe(
      'pipy_object_count{instance="w1"} 7\n' +
        'pipy_object_count{instance="w1",type="Data"} 7\n' +
        'pipy_inbound_in{instance="w1"} 100\n' +
        'pipy_inbound_in{instance="w1",listen="8080@0.0.0.0",peer="127.0.0.1"} 100\n',
    );
  });

  it('escapes label values and renders non-integers', () => {
    const registry = new StatsRegistry();
    registry.gauge('g', ['v']).withLabels('a"b\\c\nd')!.set(0.5);
    expect(registry.renderPrometheus()).toBe('g 0.5\ng{v="a\\"b\\\\c\\nd"} 0.5\n');
  });

  it('exposes typed metric objects', () => {
    const registry = new StatsRegistry();
    const h = registry.histogram('pipy_outbound_conn_time', [1, 2, 3], ['peer']);
    h.withLabels('[::1]:80')!.observe(2.5);
    expect(h).toBeInstanceOf(Histogram);
    expect([h.count, h.sum, h.cumulative()]).toEqual([1, 2.5, [0, 0, 1, 1]]);
    expect(registry.counter('c')).toBeInstanceOf(Counter);
    expect(registry.gauge('g')).toBeInstanceOf(Gauge);
    expect(registry.list().map((m) => m.name)).toEqual(['pipy_outbound_conn_time', 'c', 'g']);
    expect(registry.remove('c')).toBe(true);
    expect(registry.get('c')).toBeUndefined();
  });
});
