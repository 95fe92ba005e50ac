// algo: routers, balancers, caches and pools, driven through guest code (test ideas 78–85).

import { describe, it, expect, vi, afterEach } from 'vitest';
import { Realm } from '../../interpreter/index.js';
import { algoNamespace } from '../algo/index.js';
import { hashString, hashValue } from '../algo/hash.js';
import { joinParts } from '../algo/url-router.js';
import { scriptRunner } from './harness.js';

function newRealm() {
  return new Realm({ guestGlobals: { algo: algoNamespace() } });
}

const { run, errorOf } = scriptRunner(() => ({ algo: algoNamespace() }));


/** Several scripts against one realm: `keep` stores a guest value as a global for later scripts. */
function session() {
  const realm = newRealm();
  return {
    run: (src: string) => realm.compile(src).run(),
    keep: (name: string, src: string) => realm.defineGlobal(name, realm.compile(src).runGuest()),
  };
}

describe('algo namespace', () => {
  it('holds exactly the 0.30 members', () => {
    expect(run('Object.keys(algo)')).toEqual([]);
    const names = ['Cache', 'URLRouter', 'HashingLoadBalancer', 'RoundRobinLoadBalancer', 'LeastWorkLoadBalancer', 'ResourcePool', 'Percentile', 'hash'];
    expect(run(`[${names.map((n) => `typeof algo.${n}`).join(',')}]`)).toEqual(names.map(() => 'function'));
    expect(run('algo.Quota')).toBeUndefined();
  });

  it('names its instances after the Pipy classes', () => {
    expect(run("'' + new algo.Cache()")).toBe('[object pipy::algo::Cache]');
    expect(run('new algo.Cache() instanceof algo.Cache')).toBe(true);
  });
});

describe('algo.URLRouter', () => {
  const rules = "{'/api/*': 'api', '/static/*': 'static', '/exact': 'exact', '/*': 'root'}";

  it('matches exact paths and the longest prefix (idea 78)', () => {
    const finds = ['/api', '/api/v1/x', '/exact', '/exact/sub', '/other', '/static/', '/api/'];
    expect(run(`(r => [${finds.map((f) => `r.find('${f}')`).join(',')}])(new algo.URLRouter(${rules}))`))
      .toEqual(['api', 'api', 'exact', 'root', 'root', 'static', 'api']);
  });

  it('matches hosts, one wildcard label, then host-less rules (idea 79)', () => {
    const src = `(r => [r.find('a.com', '/x'), r.find('b.a.com/x'), r.find('c.b.a.com/x'), r.find('a.com:8080/x?q=1'), r.find('no-slash'), r.find('z.com/y')])
      (new algo.URLRouter({'a.com/*': 'A', '*.a.com/*': 'W', '/x': 'N'}))`;
    expect(run(src)).toEqual(['A', 'W', 'N', 'A', undefined, undefined]);
  });

  it('prefers a longer prefix and keeps exact rules exact', () => {
    const src = `(r => [r.find('/a/b/c'), r.find('/a/x'), r.find('/a/b'), r.find('/a/b/'), r.find('/a/bc'), r.find('/q/r/')])
      (new algo.URLRouter({'/a/*': 1, '/a/b/*': 2, '/q/r': 3}))`;
    expect(run(src)).toEqual([2, 1, 2, 2, 1, undefined]);
  });

  it('is case-sensitive and ignores the query', () => {
    expect(run("(r => [r.find('/A'), r.find('/a?x=1'), r.find('/a#f')])(new algo.URLRouter({'/a': 1}))")).toEqual([undefined, 1, undefined]);
  });

  it('adds rules later, and a later rule for the same pattern wins', () => {
    expect(run("(r => (r.add('/x', 1), r.add('/x', 2), r.add('h.io/x', 3), [r.find('/x'), r.find('h.io/x')]))(new algo.URLRouter())")).toEqual([2, 3]);
  });

  it('rejects patterns without a slash or with a port (idea 80)', () => {
    for (const src of ["new algo.URLRouter({'nohost': 1})", "new algo.URLRouter({'h:80/x': 1})", "new algo.URLRouter().add('x', 1)"]) {
      const e = errorOf(src);
      expect(e.errorName).toBe('Error');
      expect(e.detail).toBe('invalid URL pattern');
    }
  });

  it('joins find parts with single slashes', () => {
    expect(joinParts(['a.com', '/x'])).toBe('a.com/x');
    expect(joinParts(['a.com/', '/x/', 'y'])).toBe('a.com/x/y');
    expect(run("new algo.URLRouter({'a.com/x/y': 1}).find('a.com', null, 'x', undefined, 'y')")).toBe(1);
  });
});

describe('algo.RoundRobinLoadBalancer', () => {
  const selects = (n: number, lb: string) => run(`(b => new Array(${n}).fill(0).map(() => b.select()))(${lb})`) as unknown[];

  it('gives a twice and b once in any 3 consecutive selects (idea 81)', () => {
    const seq = selects(30, 'new algo.RoundRobinLoadBalancer({a: 2, b: 1})');
    for (let i = 0; i + 3 <= seq.length; i++) {
      const w = seq.slice(i, i + 3);
      expect(w.filter((x) => x === 'a').length, `window ${i}: ${w}`).toBe(2);
    }
  });

  it('distributes exactly by weight in every cycle', () => {
    const seq = selects(600, "new algo.RoundRobinLoadBalancer({a: 3, b: 2, c: 1, d: 0, e: -4, f: '1'})");
    const count = (x: string) => seq.filter((s) => s === x).length;
    expect([count('a'), count('b'), count('c'), count('d'), count('e'), count('f')]).toEqual([257, 171, 86, 0, 0, 86]);
  });

  it('skips weight-0 targets, and gives undefined with none', () => {
    expect(new Set(selects(5, 'new algo.RoundRobinLoadBalancer({a: 0, b: 1})'))).toEqual(new Set(['b']));
    expect(run('new algo.RoundRobinLoadBalancer([]).select()')).toBeUndefined();
    expect(run('new algo.RoundRobinLoadBalancer().select()')).toBeUndefined();
    expect(selects(4, "new algo.RoundRobinLoadBalancer(['x', 'y'])")).toEqual(['x', 'y', 'x', 'y']);
  });

  it('never chooses a target marked in the unhealthy cache', () => {
    const src = "(c => (c.set('a', true), c.set('c', 0), (b => new Array(6).fill(0).map(() => b.select()))(new algo.RoundRobinLoadBalancer(['a', 'b', 'c'], c))))(new algo.Cache())";
    expect(run(src)).toEqual(['b', 'c', 'b', 'c', 'b', 'c']);
    expect(errorOf("new algo.RoundRobinLoadBalancer(['a'], {})").detail).toBe('argument #2 expects an instance of pipy::algo::Cache');
  });

  it('changes weights with set', () => {
    const seq = run("(b => (b.set('b', 3), b.set('a', 0), new Array(4).fill(0).map(() => b.select())))(new algo.RoundRobinLoadBalancer(['a']))");
    expect(seq).toEqual(['b', 'b', 'b', 'b']);
  });
});

describe('algo.LeastWorkLoadBalancer', () => {
  it('spreads work and returns a deselected target first (idea 82)', () => {
    const [first, second, third] = run("(b => [b.select(), b.select(), (b.deselect('b'), b.select())])(new algo.LeastWorkLoadBalancer({a: 1, b: 1}))") as string[];
    expect([first, second].sort()).toEqual(['a', 'b']);
    expect(third).toBe('b');
  });

  it('loads targets in proportion to their weights while nothing is released', () => {
    const seq = run('(b => new Array(40).fill(0).map(() => b.select()))(new algo.LeastWorkLoadBalancer({a: 3, b: 1}))') as string[];
    expect(seq.filter((s) => s === 'a').length).toBe(30);
  });

  it('keeps hits at zero or more', () => {
    expect(run("(b => (b.deselect('a'), b.deselect('a'), [b.select(), b.select()]))(new algo.LeastWorkLoadBalancer(['a', 'b']))")).toEqual(['a', 'b']);
  });
});

describe('algo.HashingLoadBalancer', () => {
  it('maps a key to the same target every time (idea 83)', () => {
    const src = "(b => ['k1', 'k2', 'k3', 42].map(k => [b.select(k), b.select(k), b.select(k)]))(new algo.HashingLoadBalancer(['a', 'b', 'c']))";
    for (const triple of run(src) as string[][]) expect(new Set(triple).size).toBe(1);
  });

  it('gives undefined when empty or when the pick is unhealthy', () => {
    expect(run("new algo.HashingLoadBalancer([]).select('x')")).toBeUndefined();
    expect(run("new algo.HashingLoadBalancer().select('x')")).toBeUndefined();
    expect(run("(c => (c.set('only', 1), new algo.HashingLoadBalancer(['only'], c).select('x')))(new algo.Cache())")).toBeUndefined();
  });

  it('spreads many keys over all targets', () => {
    const src = "(b => new Array(3000).fill(0).map((_, i) => b.select('key-' + i)))(new algo.HashingLoadBalancer(['a', 'b', 'c']))";
    const picks = run(src) as string[];
    for (const t of ['a', 'b', 'c']) expect(picks.filter((p) => p === t).length).toBeGreaterThan(850);
  });

  it('adds targets', () => {
    expect(run("(b => (b.add('z'), b.select('anything')))(new algo.HashingLoadBalancer())")).toBe('z');
  });
});

describe('algo.hash', () => {
  it('is stable, 53-bit, and equal for equal strings', () => {
    expect(run("[algo.hash('abc') === algo.hash('ab' + 'c'), algo.hash('abc') === algo.hash('abd')]")).toEqual([true, false]);
    expect(hashString('hello')).toBe(hashValue('hello'));
    const h = run("algo.hash('hello')") as number;
    expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
    expect(run("(o => algo.hash(o) === algo.hash(o))({})")).toBe(true);
    expect(run('algo.hash(1) === algo.hash(1)')).toBe(true);
    expect(errorOf('algo.hash()').detail).toBe('requires 1 or more arguments');
  });

  it('does not change between releases (HashingLoadBalancer depends on it)', () => {
    expect([hashString(''), hashString('a'), hashString('hello world')]).toEqual([4970748578899015, 7657225494008161, 683270577978069]);
  });
});

describe('algo.Cache', () => {
  afterEach(() => vi.useRealTimers());

  it('allocates missing keys through the callback (idea 84)', () => {
    expect(run("(c => [c.get('a'), c.get('b')])(new algo.Cache(k => k + '!'))")).toEqual(['a!', 'b!']);
  });

  it('evicts the least recently used entry (idea 84)', () => {
    expect(run("(c => (c.set('a', 1), c.set('b', 2), c.get('a'), c.set('c', 3), [c.get('a'), c.get('b'), c.get('c')]))(new algo.Cache(null, null, {size: 2}))"))
      .toEqual([1, undefined, 3]);
  });

  it('calls free for evicted entries in order (idea 84)', () => {
    const src = "(log => (c => (c.set('a', 1), c.set('b', 2), c.set('c', 3), log))(new algo.Cache(null, (k, v) => log.push(k + '=' + v), {size: 1})))([])";
    expect(run(src)).toEqual(['a=1', 'b=2']);
  });

  it('checks option types (idea 84)', () => {
    expect(errorOf("new algo.Cache(null, null, {size: 'x'})").detail).toBe('options.size expects a number');
    expect(errorOf('new algo.Cache(null, null, {ttl: true})').detail).toBe('options.size expects a number or a string');
    expect(errorOf('new algo.Cache(1)').detail).toBe('argument #1 expects a function');
  });

  it('keeps an updated key in place', () => {
    expect(run("(c => (c.set('a', 1), c.set('b', 2), c.set('a', 9), c.set('c', 3), [c.get('a'), c.get('b'), c.get('c')]))(new algo.Cache(null, null, {size: 2}))"))
      .toEqual([undefined, 2, 3]);
  });

  it('does not evict on the allocating path', () => {
    const src = "(n => (c => [(c.get('a'), c.get('b'), c.get('c'), n), (c.set('d', 0), n)])(new algo.Cache(k => k, () => n++, {size: 2})))(0)";
    // Three allocations overfill the cache without eviction; the set of 'd' then evicts two entries.
    expect(run(src)).toEqual([0, 2]);
  });

  it('tells keys apart by type and objects by identity', () => {
    expect(run("(c => (c.set(1, 'n'), c.set('1', 's'), [c.get(1), c.get('1'), c.get({})]))(new algo.Cache())")).toEqual(['n', 's', undefined]);
    expect(run("((c, o) => (c.set(o, 1), [c.get(o), c.get({})]))(new algo.Cache(), {})")).toEqual([1, undefined]);
  });

  it('removes and clears with free callbacks', () => {
    const src = `(log => (c => (c.set('a', 1), c.set('b', 2), [c.remove('a'), c.remove('zz'), c.clear(), c.get('b'), log]))
      (new algo.Cache(null, (k, v) => log.push(k + v))))([])`;
    expect(run(src)).toEqual([true, false, undefined, undefined, ['a1', 'b2']]);
    expect(run("(c => (c.set('a', 1), [c.remove('a'), c.remove('a')]))(new algo.Cache())")).toEqual([true, false]);
  });

  it('expires entries after the ttl, counted from the last store', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const s = session();
    s.keep('c', "(c => (c.set('a', 1), c.set('b', 2), c))(new algo.Cache(null, null, {ttl: '10s'}))");
    vi.setSystemTime(1_009_999);
    expect(s.run("[c.get('a'), c.get('b')]")).toEqual([1, 2]);
    s.run("c.set('b', 3)");
    vi.setSystemTime(1_010_000);
    expect(s.run("[c.get('a'), c.get('b')]")).toEqual([undefined, 3]);
  });

  it('reports an expired entry as removed-but-not-live when free is given', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const s = session();
    s.keep('log', '[]');
    s.keep('c', "(c => (c.set('a', 1), c.set('b', 2), c))(new algo.Cache(null, (k, v) => log.push(k), {ttl: 1}))");
    vi.setSystemTime(1000);
    expect(s.run("[c.remove('a'), c.get('b'), log]")).toEqual([false, undefined, ['a']]);
  });

  it('re-allocates an expired entry', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const s = session();
    s.keep('c', "(n => new algo.Cache(k => k + (++n), null, {ttl: '1m'}))(0)");
    expect(s.run("[c.get('a'), c.get('a')]")).toEqual(['a1', 'a1']);
    vi.setSystemTime(60_000);
    expect(s.run("c.get('a')")).toBe('a2');
  });

  it('accepts ttl units and numbers', () => {
    for (const ttl of ["'2h'", "'1d'", '5', "'500ms'", "'3'"]) expect(run(`typeof new algo.Cache(null, null, {ttl: ${ttl}})`)).toBe('object');
    expect(errorOf("new algo.Cache(null, null, {ttl: '5y'})").detail).toBe('invalid time format: 5y');
  });

  it('runs callbacks under the script limits', () => {
    const e = errorOf("(c => c.get('x'))(new algo.Cache(k => (f => f(f))(f => f(f))))");
    expect(e.kind).toBe('limit');
  });
});

describe('algo.ResourcePool', () => {
  const pool = "(n => new algo.ResourcePool((pool, tenant) => pool + '#' + (++n)))(0)";

  it('allocates, reuses freed resources, and keeps tenants (idea 85)', () => {
    expect(run(`(p => [p.allocate('db'), p.allocate('db')])(${pool})`)).toEqual(['db#1', 'db#2']);
    expect(run(`(p => (r => (p.free(r), [r, p.allocate('db')]))(p.allocate('db')))(${pool})`)).toEqual(['db#1', 'db#1']);
    expect(run(`(p => [p.allocate('db', 't1'), p.allocate('db', 't1'), p.allocate('db', 't2'), p.allocate('mq', 't1')])(${pool})`))
      .toEqual(['db#1', 'db#1', 'db#2', 'mq#3']);
  });

  it('hands out freed resources first in, first out', () => {
    expect(run(`(p => (a => (b => (p.free(b), p.free(a), [p.allocate('x'), p.allocate('x'), p.allocate('x')]))(p.allocate('x')))(p.allocate('x')))(${pool})`))
      .toEqual(['x#2', 'x#1', 'x#3']);
  });

  it('frees everything a tenant holds', () => {
    expect(run(`(p => (p.allocate('db', 't'), p.allocate('mq', 't'), p.freeTenant('t'), [p.allocate('mq'), p.allocate('db'), p.allocate('db', 't')]))(${pool})`))
      .toEqual(['mq#2', 'db#1', 'db#3']);
  });

  it('passes pool and tenant to the allocator and requires it', () => {
    expect(run("new algo.ResourcePool((p, t) => [p, t]).allocate('x', 'y')")).toEqual(['x', 'y']);
    expect(errorOf('new algo.ResourcePool()').detail).toBe('requires 1 or more arguments');
    expect(errorOf('new algo.ResourcePool(1)').detail).toBe('argument #1 expects a function');
  });
});

describe('algo.Percentile', () => {
  it('adds counts, not limits (0.30 quirk Q26 fixed)', () => {
    const src = '(p => (p.observe(1), p.observe(1), p.observe(1), p.observe(1000), [p.calculate(20), p.calculate(100)]))(new algo.Percentile([1, 10, 100]))';
    expect(run(src)).toEqual([1, 1]);
  });

  it('finds the bucket covering p percent', () => {
    const src = `(p => (new Array(100).fill(0).forEach((_, i) => p.observe(i + 1)),
      [p.calculate(0), p.calculate(10), p.calculate(50), p.calculate(90), p.calculate(99), p.calculate(100), (p.reset(), p.calculate(50))]))
      (new algo.Percentile([10, 20, 50, 100]))`;
    expect(run(src)).toEqual([0, 10, 50, 100, 100, 100, 10]);
  });

  it('requires an array', () => {
    expect(errorOf('new algo.Percentile({})').detail).toBe('argument #1 expects an instance of pjs::Array');
  });
});
