// algo.Cache: a key/value store with an optional size limit (least recently used goes first), an
// optional time to live, and optional allocate/free callbacks (spec §3.12).
//
// Keys are compared as a JavaScript Map does: strings by content, numbers by value, objects by
// identity. The Map's insertion order is the recency order: `get` moves a key to the end, `set` of
// an existing key keeps its place. Expiry uses timestamps checked on access; nothing runs on timers.

import { HostClass, HostObject, bindHostClass, getProperty, guestError, typeError, toBoolean, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { isMissing, optionalFunction, optionalObject } from '../arguments.js';

interface Entry {
  value: unknown;
  /** When the entry was stored or last refreshed, in ms since the epoch. */
  time: number;
}

export class Cache extends HostObject {
  private readonly entries = new Map<unknown, Entry>();

  constructor(
    private readonly allocate: unknown,
    private readonly free: unknown,
    /** Maximum number of entries; 0 means unbounded. */
    private readonly limit: number,
    /** Time to live in ms; 0 means entries never expire. */
    private readonly ttl: number,
  ) {
    super();
  }

  private expired(e: Entry, now = Date.now()): boolean {
    return this.ttl > 0 && now >= e.time + this.ttl;
  }

  get(key: unknown, rt: Runtime): unknown {
    const e = this.entries.get(key);
    if (e) {
      this.entries.delete(key);
      this.entries.set(key, e);
      if (!this.expired(e)) return e.value;
    }
    if (!this.allocate) return undefined;
    const value = rt.call(this.allocate, [key]);
    // The allocating path stores without evicting, as Pipy does.
    this.store(key, value, rt);
    return value;
  }

  set(key: unknown, value: unknown, rt: Runtime): void {
    const isNew = !this.entries.has(key);
    this.store(key, value, rt);
    if (isNew) this.evict(rt);
  }

  /** Inserts at the most recent end, or updates in place (refreshing the ttl). */
  private store(key: unknown, value: unknown, rt: Runtime): void {
    const e = this.entries.get(key);
    if (e) {
      e.value = value;
      e.time = Date.now();
      return;
    }
    rt.alloc(cost.object);
    this.entries.set(key, { value, time: Date.now() });
  }

  private evict(rt: Runtime): void {
    while (this.limit > 0 && this.entries.size > this.limit) {
      const [key, e] = this.entries.entries().next().value as [unknown, Entry];
      // Deleted before the callback, so a callback touching the cache sees a consistent state.
      this.entries.delete(key);
      if (this.free) rt.call(this.free, [key, e.value]);
    }
  }

  remove(key: unknown, rt: Runtime): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    if (!this.free) return true;
    rt.call(this.free, [key, e.value]);
    return !this.expired(e);
  }

  clear(rt: Runtime): void {
    const all = [...this.entries];
    this.entries.clear();
    if (this.free) for (const [k, e] of all) rt.call(this.free, [k, e.value]);
  }

  /** Host-side lookup for the balancers' unhealthy caches: no recency change, no allocation. */
  holdsTruthy(key: unknown): boolean {
    const e = this.entries.get(key);
    return !!e && !this.expired(e) && toBoolean(e.value);
  }
}

// ---- options -----------------------------------------------------------------------------------

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `options.ttl` in ms: seconds as a number, or a string such as `'10s'` or `'5m'`. */
export function parseTTL(v: unknown): number {
  if (typeof v === 'number') return v > 0 ? v * 1000 : 0;
  // Pipy's own message names `size` here (sic); kept because scripts may match on it.
  if (typeof v !== 'string') throw typeError('options.size expects a number or a string');
  const m = /^\s*(\d+(?:\.\d*)?)\s*(ms|s|m|h|d)?\s*$/.exec(v);
  if (!m) throw guestError('Error', `invalid time format: ${v}`);
  return Number(m[1]) * units[m[2] ?? 's'];
}

function readOptions(options: object | null, rt: Runtime): { limit: number; ttl: number } {
  if (!options) return { limit: 0, ttl: 0 };
  const size = getProperty(options, 'size', rt);
  const ttl = getProperty(options, 'ttl', rt);
  if (!isMissing(size) && typeof size !== 'number') throw typeError('options.size expects a number');
  const limit = typeof size === 'number' && size > 0 ? Math.floor(size) : 0;
  return { limit, ttl: isMissing(ttl) ? 0 : parseTTL(ttl) };
}

export const CacheClass = new HostClass({
  name: 'Cache',
  tag: '[object pipy::algo::Cache]',
  construct(args, rt) {
    const { limit, ttl } = readOptions(optionalObject(args, 2), rt);
    return new Cache(optionalFunction(args, 0), optionalFunction(args, 1), limit, ttl);
  },
  methods: {
    get: (self: Cache, args, rt) => self.get(args[0], rt),
    set: (self: Cache, args, rt) => self.set(args[0], args[1], rt),
    remove: (self: Cache, args, rt) => self.remove(args[0], rt),
    clear: (self: Cache, _args, rt) => self.clear(rt),
  },
});
bindHostClass(Cache, CacheClass);
