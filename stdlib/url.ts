// The URL and URLSearchParams globals (spec §3.13, test ideas 86–88).
//
// URL is Pipy's simple split of a URL string, not the WHATWG parser: no lower-casing, no
// percent-normalisation, no validation. Every property is a read-only accessor computed once at
// construction. The port defaults by scheme (it shows in `port` but not in `host`).
// URLSearchParams keeps its keys in first-insertion order, each with a list of values.

import { Buffer } from 'node:buffer';
import {
  GuestObject, HostClass, HostObject, bindHostClass, toString, ownKeys, getOwn, isGuestObject, cost,
} from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { argumentError, expectString, isMissing, optional, requireArgs, tooFewArguments } from './arguments.js';

// ---- URL -----------------------------------------------------------------------------------------

const defaultPorts: Record<string, string> = { 'ftp:': '21', 'gopher:': '70', 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

interface Parts {
  protocol: string;
  auth: string;
  host: string;
  pathname: string;
  search: string;
  hash: string;
}

export class URL extends HostObject {
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly port: string;
  private params: URLSearchParams | null = null;

  constructor(readonly parts: Parts) {
    super();
    const colon = parts.auth.indexOf(':');
    this.username = colon < 0 ? parts.auth : parts.auth.slice(0, colon);
    this.password = colon < 0 ? '' : parts.auth.slice(colon + 1);
    const [hostname, port] = splitHostPort(parts.host);
    this.hostname = hostname;
    this.port = port || (Object.hasOwn(defaultPorts, parts.protocol) ? defaultPorts[parts.protocol] : '');
  }

  get path(): string {
    return this.parts.pathname + this.parts.search;
  }

  get origin(): string {
    return this.parts.protocol + '//' + this.parts.host;
  }

  get href(): string {
    const { protocol, auth, host, hash } = this.parts;
    return protocol + '//' + (auth ? auth + '@' : '') + host + this.path + hash;
  }

  /** The same object on every read, so edits made through it are kept (not reflected in href). */
  searchParams(rt: Runtime): URLSearchParams {
    return (this.params ??= URLSearchParams.fromString(this.parts.search, rt));
  }
}

/** `[v6]:port` or `name:port`; the port is '' when absent. */
function splitHostPort(host: string): [string, string] {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end >= 0) return [host.slice(0, end + 1), host.slice(end + 2)];
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? [host, ''] : [host.slice(0, colon), host.slice(colon + 1)];
}

const schemePattern = /^([A-Za-z][A-Za-z0-9+\-.]*):/;

/** Splits `scheme://auth@host/path?query#hash`; pieces that are absent come back empty. */
export function splitURL(url: string): { protocol: string; hasHost: boolean; auth: string; host: string; rest: string } {
  const m = schemePattern.exec(url);
  const protocol = m ? m[1] + ':' : '';
  let rest = m ? url.slice(m[0].length) : url;
  if (!rest.startsWith('//')) return { protocol, hasHost: false, auth: '', host: '', rest };
  rest = rest.slice(2);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  rest = end < 0 ? '' : rest.slice(end);
  const at = authority.lastIndexOf('@');
  return { protocol, hasHost: true, auth: at < 0 ? '' : authority.slice(0, at), host: authority.slice(at + 1), rest };
}

/** `path?query#hash` → pathname (never empty), search (with `?`) and hash (from the last `#`). */
function splitPath(rest: string): { pathname: string; search: string; hash: string } {
  const h = rest.lastIndexOf('#');
  const hash = h < 0 ? '' : rest.slice(h);
  const beforeHash = h < 0 ? rest : rest.slice(0, h);
  const q = beforeHash.indexOf('?');
  const pathname = q < 0 ? beforeHash : beforeHash.slice(0, q);
  return { pathname: pathname || '/', search: q < 0 ? '' : beforeHash.slice(q), hash };
}

export function parseURL(url: string, base?: string): Parts {
  const s = splitURL(url);
  const own = splitPath(s.rest);
  if (s.hasHost || base === undefined) {
    return { protocol: s.protocol || 'http:', auth: s.auth, host: s.host, ...own };
  }
  const b = parseURL(base);
  const pathname = resolvePath(s.rest, b.pathname);
  return { ...b, protocol: s.protocol || b.protocol, ...own, pathname };
}

/** A relative path is resolved against the base's directory (as a browser would). */
function resolvePath(rest: string, basePath: string): string {
  const { pathname } = splitPath(rest);
  if (rest.startsWith('/')) return pathname;
  if (rest === '' || /^[?#]/.test(rest)) return basePath;
  const dir = basePath.slice(0, basePath.lastIndexOf('/') + 1);
  return removeDotSegments(dir + pathname);
}

function removeDotSegments(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (seg === '..') {
      if (out.length > 1) out.pop();
    } else if (seg !== '.') {
      out.push(seg);
      continue;
    }
    // A trailing `.` or `..` still names a directory: keep its slash.
    if (i === segments.length - 1) out.push('');
  }
  return out.join('/') || '/';
}

/** A nullish URL counts as not given, so it gets the argument-count message. */
function urlArg(args: unknown[]): string {
  if (isMissing(args[0])) throw tooFewArguments(1);
  return expectString(args[0], 0);
}

export const URLClass = new HostClass({
  name: 'URL',
  tag: '[object pipy::URL]',
  construct(args, rt) {
    const url = urlArg(args);
    const base = optional(args[1], 1, expectString) ?? undefined;
    rt.alloc(cost.object + (url.length + (base?.length ?? 0)) * 4 * cost.stringChar);
    return new URL(parseURL(url, base));
  },
  getters: {
    auth: (self: URL) => self.parts.auth,
    hash: (self: URL) => self.parts.hash,
    host: (self: URL) => self.parts.host,
    hostname: (self: URL) => self.hostname,
    href: (self: URL) => self.href,
    origin: (self: URL) => self.origin,
    password: (self: URL) => self.password,
    path: (self: URL) => self.path,
    pathname: (self: URL) => self.parts.pathname,
    port: (self: URL) => self.port,
    protocol: (self: URL) => self.parts.protocol,
    query: (self: URL) => self.parts.search.slice(1),
    search: (self: URL) => self.parts.search,
    searchParams: (self: URL, rt) => self.searchParams(rt),
    username: (self: URL) => self.username,
  },
  toHost: (self: URL) => self.href,
});
bindHostClass(URL, URLClass);

// ---- URLSearchParams -----------------------------------------------------------------------------

export class URLSearchParams extends HostObject {
  private readonly entries = new Map<string, string[]>();

  static fromString(text: string, rt: Runtime): URLSearchParams {
    const p = new URLSearchParams();
    rt.alloc(cost.object + text.length * cost.stringChar * 2);
    const body = text.startsWith('?') ? text.slice(1) : text;
    for (const pair of body.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = percentDecode(eq < 0 ? pair : pair.slice(0, eq));
      p.append(key, eq < 0 ? '' : percentDecode(pair.slice(eq + 1)));
    }
    return p;
  }

  static fromObject(o: object, rt: Runtime): URLSearchParams {
    const p = new URLSearchParams();
    rt.alloc(cost.object);
    for (const key of ownKeys(o)) p.set(key, getOwn(o, key), rt);
    return p;
  }

  private append(key: string, value: string): void {
    const list = this.entries.get(key);
    if (list) list.push(value);
    else this.entries.set(key, [value]);
  }

  get(key: string): string | null {
    return this.entries.get(key)?.[0] ?? null;
  }

  getAll(key: string): string[] {
    return [...(this.entries.get(key) ?? [])];
  }

  /** Nullish deletes, an array sets several values (skipping nullish ones), anything else one. */
  set(key: string, value: unknown, rt: Runtime): void {
    if (isMissing(value)) {
      this.entries.delete(key);
      return;
    }
    const values = (Array.isArray(value) ? value : [value]).filter((v) => !isMissing(v));
    rt.alloc(values.length * cost.element);
    const strings = values.map((v) => toString(v, rt));
    if (this.entries.has(key)) this.entries.set(key, strings);
    else if (strings.length) this.entries.set(key, strings);
  }

  toObject(rt: Runtime): GuestObject {
    const o = new GuestObject();
    rt.alloc(cost.object + this.entries.size * cost.property);
    for (const [k, v] of this.entries) o[k] = v.length === 1 ? v[0] : [...v];
    return o;
  }

  override toString(): string {
    const out: string[] = [];
    for (const [k, values] of this.entries) for (const v of values) out.push(percentEncode(k) + '=' + percentEncode(v));
    return out.join('&');
  }
}

/** `%XX` → bytes → UTF-8 text; `+` stays `+`, a malformed escape is kept as it is. */
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.charCodeAt(i) === 37 ? s.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else for (const b of Buffer.from(s[i], 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Unreserved characters stay, everything else becomes upper-case `%XX` of its UTF-8 bytes. */
export function percentEncode(s: string): string {
  if (/^[A-Za-z0-9\-_.~]*$/.test(s)) return s;
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function keyArg(args: unknown[], rt: Runtime): string {
  requireArgs(args, 1);
  return toString(args[0], rt);
}

export const URLSearchParamsClass = new HostClass({
  name: 'URLSearchParams',
  tag: '[object pipy::URLSearchParams]',
  construct(args, rt) {
    const v = args[0];
    if (typeof v === 'string') return URLSearchParams.fromString(v, rt);
    if (isMissing(v)) return URLSearchParams.fromString('', rt);
    if (isGuestObject(v) || v instanceof HostObject) return URLSearchParams.fromObject(v, rt);
    throw argumentError(0, 'a string or an object');
  },
  methods: {
    get: (self: URLSearchParams, args, rt) => self.get(keyArg(args, rt)),
    getAll: (self: URLSearchParams, args, rt) => self.getAll(keyArg(args, rt)),
    set: (self: URLSearchParams, args, rt) => self.set(keyArg(args, rt), args[1], rt),
    toObject: (self: URLSearchParams, _args, rt) => self.toObject(rt),
    toString(self: URLSearchParams, _args: unknown[], rt: Runtime) {
      const s = self.toString();
      rt.allocString(s.length);
      return s;
    },
  },
  toHost: (self: URLSearchParams) => self.toString(),
});
bindHostClass(URLSearchParams, URLSearchParamsClass);
