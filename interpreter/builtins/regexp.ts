// RegExp: guest regular expressions, plus the regexp halves of String's match, replace, search and
// split (ECMAScript's RegExp.prototype[@@match] and friends, for these objects only).
//
// A guest RegExp wraps a host RegExp compiled for the linear-time engine (regexp-linear.ts), so a
// hostile pattern cannot stall the host. `lastIndex` is the guest's own property (any value, as in
// ECMAScript); it is converted and copied into the host regex at each exec.
//
// Metering: each exec is charged for the characters it moved past (times the pattern's weight), which
// keeps a global replace over a long string linear in cost. An exec may scan further than it moves
// (a pattern like /a.*b|a/ looks to the end of the input for the b), so an exec that turns out slow
// makes the runtime consult the clock at once, and a single exec whose worst case is absurd is refused.

import { guestError, limitError, typeError } from '../errors.js';
import { GuestObject, HostClass, HostObject, bindHostClass, isCallable } from '../values.js';
import type { Method } from '../values.js';
import type { Runtime } from '../runtime.js';
import { cost } from '../limits.js';
import { StringBuilder, arrayOf, checkClock, newArray, scanSteps, toLength, toString, toUint32 } from './args.js';
import { compileLinear } from './regexp-linear.js';
import type { LinearPattern } from './regexp-linear.js';

/** Flag letters in the order of the `flags` getter. */
const flagOrder = 'dgimsuvy';

export class RegExpObject extends HostObject {
  lastIndex: unknown = 0;
  readonly global: boolean;
  readonly sticky: boolean;
  readonly host: RegExp;
  private splitter: RegExp | null = null;

  constructor(readonly pattern: LinearPattern, readonly flags: string) {
    super();
    this.global = flags.includes('g');
    this.sticky = flags.includes('y');
    this.host = new RegExp(pattern.hostSource, pattern.hostFlags);
  }

  get source(): string {
    return this.pattern.source;
  }

  /** A copy that searches forward from lastIndex, for split (the spec's sticky splitter, unrolled). */
  forwardSearcher(): RegExp {
    this.splitter ??= new RegExp(this.pattern.hostSource, this.pattern.hostFlags.replace(/[gy]/g, '') + 'g');
    return this.splitter;
  }
}

// ---- construction ------------------------------------------------------------------------------

/** Validates and canonicalises flags: known letters, each at most once. */
function canonicalFlags(flags: string): string {
  let out = '';
  for (const f of flagOrder) if (flags.includes(f)) out += f;
  const valid = out.length === flags.length && [...flags].every((f) => flagOrder.includes(f));
  if (!valid || (out.includes('u') && out.includes('v'))) {
    throw guestError('SyntaxError', `Invalid flags supplied to RegExp constructor '${flags}'`);
  }
  return out;
}

export function createRegExp(pattern: string, flags: string, rt: Runtime): RegExpObject {
  const f = canonicalFlags(flags);
  rt.charge(scanSteps(pattern.length));
  rt.alloc(cost.object + pattern.length * cost.stringChar);
  return new RegExpObject(compileLinear(pattern, f), f);
}

function construct(args: unknown[], rt: Runtime): RegExpObject {
  const [p, f] = args;
  if (p instanceof RegExpObject) return createRegExp(p.source, f === undefined ? p.flags : toString(f, rt), rt);
  return createRegExp(p === undefined ? '' : toString(p, rt), f === undefined ? '' : toString(f, rt), rt);
}

/** `RegExp(re)` without new returns `re` itself, as in ECMAScript. */
function call(args: unknown[], rt: Runtime): RegExpObject {
  if (args[0] instanceof RegExpObject && args[1] === undefined) return args[0];
  return construct(args, rt);
}

/** ToString of a pattern argument, or undefined kept as the empty pattern (String's match/search). */
export function toRegExp(v: unknown, rt: Runtime, flags = ''): RegExpObject {
  if (v instanceof RegExpObject) return v;
  return createRegExp(v === undefined ? '' : toString(v, rt), flags, rt);
}

// ---- exec --------------------------------------------------------------------------------------

/** RegExpBuiltinExec on host data: the host match, or null; updates the guest lastIndex. */
export function execRaw(rx: RegExpObject, s: string, rt: Runtime): RegExpExecArray | null {
  const useLastIndex = rx.global || rx.sticky;
  const lastIndex = toLength(rx.lastIndex, rt);
  const start = useLastIndex ? lastIndex : 0;
  if (start > s.length) {
    if (useLastIndex) rx.lastIndex = 0;
    return null;
  }
  const m = runHost(rx.host, s, start, rx, rt);
  if (useLastIndex) rx.lastIndex = m ? rx.host.lastIndex : 0;
  return m;
}

/** Worst-case work (characters × pattern weight) one exec may be asked to do: about a second of scanning. */
const maxScanWork = 2 ** 28;
/** An exec slower than this (ms) makes the runtime check its time budget right away. */
const slowExecMs = 2;

/** Runs one host exec from `start`, metered as described at the top of the file. */
function runHost(re: RegExp, s: string, start: number, rx: RegExpObject, rt: Runtime): RegExpExecArray | null {
  const weight = rx.pattern.weight;
  if (weight * (s.length - start) > maxScanWork) throw limitError('time', 'regular expression over too long an input');
  re.lastIndex = start;
  const t0 = performance.now();
  const m = re.exec(s);
  rt.charge(weight * scanSteps((m ? m.index + m[0].length : s.length) - start));
  if (performance.now() - t0 > slowExecMs) checkClock(rt);
  return m;
}

/** A host match as the guest array exec returns: elements, then index, input and groups. */
export function toGuestMatch(m: RegExpExecArray, rt: Runtime): unknown[] {
  const a = newArray(m.length, rt);
  for (let i = 0; i < m.length; i++) a[i] = m[i];
  rt.alloc(3 * cost.property);
  defineOwn(a, 'index', m.index);
  defineOwn(a, 'input', m.input);
  defineOwn(a, 'groups', m.groups ? toGuestGroups(m.groups, rt) : undefined);
  return a;
}

function defineOwn(a: unknown[], key: string, value: unknown): void {
  Object.defineProperty(a, key, { value, writable: true, enumerable: true, configurable: true });
}

function toGuestGroups(groups: Record<string, string>, rt: Runtime): GuestObject {
  const o = new GuestObject();
  const keys = Object.keys(groups);
  rt.alloc(cost.object + keys.length * cost.property);
  for (const k of keys) o[k] = groups[k];
  return o;
}

// ---- String.prototype helpers ------------------------------------------------------------------

/** `s.match(rx)`: the exec result, or with `g` every matched text. */
export function regExpMatch(rx: RegExpObject, s: string, rt: Runtime): unknown {
  if (!rx.global) {
    const m = execRaw(rx, s, rt);
    return m && toGuestMatch(m, rt);
  }
  rx.lastIndex = 0;
  const out: unknown[] = [];
  for (let m = execRaw(rx, s, rt); m; m = execRaw(rx, s, rt)) {
    rt.alloc(cost.element);
    out.push(m[0]);
    if (m[0] === '') rx.lastIndex = toLength(rx.lastIndex, rt) + 1;
  }
  return out.length === 0 ? null : arrayOf(out, rt);
}

/** `s.search(rx)`: the index of the first match from 0, leaving lastIndex as it was. */
export function regExpSearch(rx: RegExpObject, s: string, rt: Runtime): number {
  const previous = rx.lastIndex;
  if (!Object.is(previous, 0)) rx.lastIndex = 0;
  const m = execRaw(rx, s, rt);
  if (!Object.is(rx.lastIndex, previous)) rx.lastIndex = previous;
  return m ? m.index : -1;
}

/** `s.replace(rx, replacement)`: every match with `g`, else the first. */
export function regExpReplace(rx: RegExpObject, s: string, replaceValue: unknown, rt: Runtime): string {
  const template = isCallable(replaceValue) ? null : toString(replaceValue, rt);
  const matches = collectMatches(rx, s, rt);
  const out = new StringBuilder(rt);
  let next = 0;
  for (const m of matches) {
    const position = Math.max(0, Math.min(m.index, s.length));
    if (position < next) continue;
    out.append(s.slice(next, position));
    if (template === null) out.append(callReplacer(replaceValue, m, position, s, rt));
    else appendSubstitution(out, { matched: m[0], str: s, position, captures: capturesOf(m), groups: m.groups }, template);
    next = position + m[0].length;
  }
  if (next < s.length) out.append(s.slice(next));
  return out.toString();
}

function collectMatches(rx: RegExpObject, s: string, rt: Runtime): RegExpExecArray[] {
  if (rx.global) rx.lastIndex = 0;
  const matches: RegExpExecArray[] = [];
  for (let m = execRaw(rx, s, rt); m; m = rx.global ? execRaw(rx, s, rt) : null) {
    rt.alloc(cost.arrayBase + m.length * cost.element);
    matches.push(m);
    if (rx.global && m[0] === '') rx.lastIndex = toLength(rx.lastIndex, rt) + 1;
  }
  return matches;
}

function capturesOf(m: RegExpExecArray): (string | undefined)[] {
  const captures: (string | undefined)[] = [];
  for (let i = 1; i < m.length; i++) captures.push(m[i]);
  return captures;
}

function callReplacer(f: unknown, m: RegExpExecArray, position: number, s: string, rt: Runtime): string {
  const args: unknown[] = [m[0]];
  for (let i = 1; i < m.length; i++) args.push(m[i]);
  args.push(position, s);
  if (m.groups) args.push(toGuestGroups(m.groups, rt));
  return toString(rt.call(f, args), rt);
}

/** The inputs of GetSubstitution. */
export interface Substitution {
  matched: string;
  str: string;
  position: number;
  captures: (string | undefined)[];
  /** Named groups of the match (a null-prototype host object), or undefined. */
  groups: Record<string, string | undefined> | undefined;
}

/** GetSubstitution: expands `$$ $& $\` $' $n $nn $<name>` of `template` into `out`. */
export function appendSubstitution(out: StringBuilder, sub: Substitution, template: string): void {
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0 || dollar === template.length - 1) break;
    out.append(template.slice(i, dollar));
    i = dollar + appendReference(out, sub, template, dollar);
  }
  out.append(template.slice(i));
}

/** Appends the expansion of the `$` reference at `at`; returns how many characters it used. */
function appendReference(out: StringBuilder, sub: Substitution, t: string, at: number): number {
  const c = t[at + 1];
  if (c === '$') return out.append('$'), 2;
  if (c === '&') return out.append(sub.matched), 2;
  if (c === '`') return out.append(sub.str.slice(0, sub.position)), 2;
  if (c === "'") return out.append(sub.str.slice(Math.min(sub.position + sub.matched.length, sub.str.length))), 2;
  if (c >= '0' && c <= '9') return appendCapture(out, sub, t, at);
  if (c === '<' && sub.groups) return appendNamed(out, sub.groups, t, at);
  out.append('$');
  return 1;
}

function appendCapture(out: StringBuilder, sub: Substitution, t: string, at: number): number {
  const n = sub.captures.length;
  const two = t[at + 2] >= '0' && t[at + 2] <= '9' ? Number(t.slice(at + 1, at + 3)) : -1;
  const digits = two >= 0 && two <= n ? 2 : 1;
  const index = digits === 2 ? two : Number(t[at + 1]);
  if (index >= 1 && index <= n) out.append(sub.captures[index - 1] ?? '');
  else out.append(t.slice(at, at + 1 + digits));
  return 1 + digits;
}

function appendNamed(out: StringBuilder, groups: Record<string, string | undefined>, t: string, at: number): number {
  const close = t.indexOf('>', at + 2);
  if (close < 0) return out.append('$<'), 2;
  const name = t.slice(at + 2, close);
  const v = Object.prototype.hasOwnProperty.call(groups, name) ? groups[name] : undefined;
  if (v !== undefined) out.append(v);
  return close - at + 1;
}

/** `s.split(rx, limit)`: pieces between matches, with the captures of each match spliced in. */
export function regExpSplit(rx: RegExpObject, s: string, limit: unknown, rt: Runtime): unknown[] {
  const lim = limit === undefined ? 2 ** 32 - 1 : toUint32(limit, rt);
  const out: unknown[] = [];
  if (lim === 0) return arrayOf(out, rt);
  const re = rx.forwardSearcher();
  if (s.length === 0) return arrayOf(searchFrom(re, s, 0, rx, rt) ? [] : [s], rt);
  let p = 0, q = 0;
  const push = (v: unknown) => (rt.alloc(cost.element), out.push(v), out.length === lim);
  while (q < s.length) {
    const m = searchFrom(re, s, q, rx, rt);
    if (!m || m.index >= s.length) break;
    const e = m.index + m[0].length;
    // An empty match where the last piece ended splits nothing: look again one further on.
    if (e === p) {
      q = m.index + 1;
      continue;
    }
    if (push(s.slice(p, m.index))) return arrayOf(out, rt);
    p = e;
    for (let i = 1; i < m.length; i++) if (push(m[i])) return arrayOf(out, rt);
    q = p;
  }
  push(s.slice(p));
  return arrayOf(out, rt);
}

function searchFrom(re: RegExp, s: string, from: number, rx: RegExpObject, rt: Runtime): RegExpExecArray | null {
  return runHost(re, s, from, rx, rt);
}

// ---- the RegExp class --------------------------------------------------------------------------

const methods: Record<string, Method> = {
  exec: (self: RegExpObject, args, rt) => {
    const m = execRaw(self, toString(args[0], rt), rt);
    return m && toGuestMatch(m, rt);
  },
  test: (self: RegExpObject, args, rt) => execRaw(self, toString(args[0], rt), rt) !== null,
  toString: (self: RegExpObject) => `/${self.source}/${self.flags}`,
};

const flag = (letter: string) => (self: RegExpObject) => self.flags.includes(letter);

export const RegExpClass = new HostClass({
  // Embedders get the host equivalent (a regexp as source and flags, for the host engine to compile).
  toHost: (self: RegExpObject) => new RegExp(self.source, self.flags),
  name: 'RegExp',
  construct,
  call,
  methods,
  getters: {
    source: (self: RegExpObject) => self.source,
    flags: (self: RegExpObject) => self.flags,
    global: flag('g'),
    ignoreCase: flag('i'),
    multiline: flag('m'),
    sticky: flag('y'),
    unicode: flag('u'),
    unicodeSets: flag('v'),
    dotAll: flag('s'),
    hasIndices: flag('d'),
    lastIndex: (self: RegExpObject) => self.lastIndex,
  },
  setters: {
    lastIndex: (self: RegExpObject, value) => {
      self.lastIndex = value;
    },
  },
});
bindHostClass(RegExpObject, RegExpClass);

/** Refuses a RegExp where a search string is required (startsWith, endsWith, includes). */
export function rejectRegExp(v: unknown, method: string): void {
  if (v instanceof RegExpObject) {
    throw typeError(`First argument to String.prototype.${method} must not be a regular expression`);
  }
}
