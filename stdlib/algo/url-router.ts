// algo.URLRouter: maps `[host]/path` patterns to values (spec §3.12, test ideas 78–80).
//
// A path rule is exact, or a prefix when its last segment is `*` (`/api/*` matches `/api`,
// `/api/` and anything below). A host is matched exactly, then with its first label replaced by
// `*` (so `*.a.com` covers exactly one extra label), then the host-less rules apply.
// Lookups walk the path's own prefixes from the longest, so each step is one Map lookup.

import { HostClass, HostObject, bindHostClass, guestError, toString, ownKeys, getOwn, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { expectString, isMissing, optionalObject, requireArgs } from '../arguments.js';

interface PathRules {
  exact: Map<string, unknown>;
  /** Keyed by the prefix without its trailing `/*` (`/*` itself is the empty prefix). */
  prefix: Map<string, unknown>;
}

const notFound = Symbol('not found');

export class URLRouter extends HostObject {
  /** Keyed by host pattern; the empty host holds the host-less rules. */
  private readonly hosts = new Map<string, PathRules>();

  add(pattern: string, value: unknown, rt: Runtime): void {
    const slash = pattern.indexOf('/');
    const host = pattern.slice(0, slash);
    if (slash < 0 || host.includes(':')) throw guestError('Error', 'invalid URL pattern');
    const path = pattern.slice(slash);
    const rules = this.rulesOf(host, rt);
    rt.alloc(cost.object);
    if (path.endsWith('/*')) rules.prefix.set(path.slice(0, -2), value);
    else rules.exact.set(path, value);
  }

  private rulesOf(host: string, rt: Runtime): PathRules {
    let rules = this.hosts.get(host);
    if (!rules) {
      rt.alloc(cost.object);
      this.hosts.set(host, (rules = { exact: new Map(), prefix: new Map() }));
    }
    return rules;
  }

  /** `find` on one `host[:port]/path[?query]` string. */
  find(url: string): unknown {
    const slash = url.indexOf('/');
    if (slash < 0) return undefined;
    const host = stripPort(url.slice(0, slash));
    const path = stripQuery(url.slice(slash));
    for (const h of candidateHosts(host)) {
      const v = this.matchPath(this.hosts.get(h), path);
      if (v !== notFound) return v;
    }
    return undefined;
  }

  private matchPath(rules: PathRules | undefined, path: string): unknown {
    if (!rules) return notFound;
    if (rules.exact.has(path)) return rules.exact.get(path);
    if (rules.prefix.size === 0) return notFound;
    // `/a/b/` tries `/a/b/`, `/a/b`, `/a`, then the empty prefix of `/*`.
    for (let end = path.length; end >= 0; end = path.lastIndexOf('/', end - 1)) {
      const prefix = path.slice(0, end);
      if (rules.prefix.has(prefix)) return rules.prefix.get(prefix);
      if (end === 0) break;
    }
    return notFound;
  }
}

/** The exact host, the host with its first label as `*`, then the host-less rules. */
function candidateHosts(host: string): string[] {
  if (host === '') return [''];
  const dot = host.indexOf('.');
  return [host, dot < 0 ? '*' : '*' + host.slice(dot), ''];
}

function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

function stripQuery(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}

/** Joins `find`'s parts with exactly one `/` between them (`('a.com', '/x')` → `a.com/x`). */
export function joinParts(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (out === '') out = p;
    else out = out.replace(/\/+$/, '') + '/' + p.replace(/^\/+/, '');
  }
  return out;
}

function addRules(router: URLRouter, rules: object | null, rt: Runtime): void {
  if (!rules) return;
  for (const key of ownKeys(rules)) router.add(key, getOwn(rules, key), rt);
}

export const URLRouterClass = new HostClass({
  name: 'URLRouter',
  tag: '[object pipy::algo::URLRouter]',
  construct(args, rt) {
    const router = new URLRouter();
    addRules(router, optionalObject(args, 0), rt);
    return router;
  },
  methods: {
    add(self: URLRouter, args, rt) {
      requireArgs(args, 2);
      self.add(expectString(args[0], 0), args[1], rt);
    },
    find(self: URLRouter, args, rt) {
      const parts = args.filter((p) => !isMissing(p)).map((p) => toString(p, rt));
      return parts.length ? self.find(joinParts(parts)) : undefined;
    },
  },
});
bindHostClass(URLRouter, URLRouterClass);
