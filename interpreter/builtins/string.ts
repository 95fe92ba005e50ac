// String: the conversion function, the box constructor, its statics, and the methods of string
// values, with ECMAScript semantics. Most methods convert their arguments with the interpreter's
// conversions (which may call guest valueOf/toString) and then delegate to the host's own method on
// the primitive: that is exact and safe, because only primitives reach the host. Methods whose
// output can be larger than their input check the size first (repeat, pad*) or build their result
// piece by piece against the memory budget (replace, concat).

import { rangeError, typeError } from '../errors.js';
import { GuestObject, HostClass, bindHostClass, isCallable } from '../values.js';
import type { Method } from '../values.js';
import type { Runtime } from '../runtime.js';
import { methodTables } from '../properties.js';
import { cost } from '../limits.js';
import {
  PrimitiveBox,
  StringBuilder,
  arrayOf,
  boxMethods,
  fn,
  hostString,
  intl,
  intlArgs,
  scanSteps,
  toIntegerOrInfinity,
  toLength,
  toNumber,
  toString,
  toUint32,
} from './args.js';
import {
  RegExpObject,
  appendSubstitution,
  regExpMatch,
  regExpReplace,
  regExpSearch,
  regExpSplit,
  rejectRegExp,
  toRegExp,
} from './regexp.js';

export class StringBox extends PrimitiveBox<string> {}

/** `new String(s)`: its characters are own indexed properties, as in ECMAScript. */
export function makeStringBox(s: string, rt: Runtime): StringBox {
  rt.charge(s.length);
  rt.alloc(cost.object + s.length * cost.property);
  const box = new StringBox(s);
  if (s.length > 0) {
    box.props = new GuestObject();
    for (let i = 0; i < s.length; i++) box.props[i] = s[i];
  }
  return box;
}

/** An optional integer argument, left undefined when absent (the host default then applies). */
function optInt(v: unknown, rt: Runtime): number | undefined {
  return v === undefined ? undefined : toIntegerOrInfinity(v, rt);
}

// ---- characters and searching ------------------------------------------------------------------

function at(s: string, args: unknown[], rt: Runtime): string | undefined {
  const n = toIntegerOrInfinity(args[0], rt);
  const k = n >= 0 ? n : s.length + n;
  return k < 0 || k >= s.length ? undefined : s[k];
}

/** indexOf and includes: the host's, charged for the characters passed over. */
function find(name: 'indexOf' | 'includes', rejectsRegExp: boolean): Method {
  return (s: string, args, rt) => {
    if (rejectsRegExp) rejectRegExp(args[0], name);
    const str = toString(args[0], rt);
    const pos = toIntegerOrInfinity(args[1], rt);
    const i = s.indexOf(str, pos);
    rt.charge(scanSteps(i < 0 ? s.length : i + str.length));
    return name === 'indexOf' ? i : i >= 0;
  };
}

function lastIndexOf(s: string, args: unknown[], rt: Runtime): number {
  const str = toString(args[0], rt);
  const pos = toNumber(args[1], rt);
  const i = s.lastIndexOf(str, pos);
  rt.charge(scanSteps(i < 0 ? s.length : s.length - i));
  return i;
}

/** startsWith and endsWith compare one stretch of `search.length` characters. */
function startsWith(s: string, args: unknown[], rt: Runtime): boolean {
  rejectRegExp(args[0], 'startsWith');
  const str = toString(args[0], rt);
  const pos = toIntegerOrInfinity(args[1], rt);
  rt.charge(scanSteps(str.length));
  return s.startsWith(str, pos);
}

function endsWith(s: string, args: unknown[], rt: Runtime): boolean {
  rejectRegExp(args[0], 'endsWith');
  const str = toString(args[0], rt);
  const end = args[1] === undefined ? s.length : toIntegerOrInfinity(args[1], rt);
  rt.charge(scanSteps(str.length));
  return s.endsWith(str, end);
}

function localeCompare(s: string, args: unknown[], rt: Runtime): number {
  const that = toString(args[0], rt);
  const [locales, options] = intlArgs(args, 1, rt);
  rt.charge(scanSteps(s.length + that.length));
  return intl(() => s.localeCompare(that, locales, options));
}

// ---- building strings --------------------------------------------------------------------------

function concat(s: string, args: unknown[], rt: Runtime): string {
  const out = new StringBuilder(rt);
  out.append(s);
  for (const a of args) out.append(toString(a, rt));
  return out.toString();
}

function pad(where: 'padStart' | 'padEnd'): Method {
  return (s: string, args, rt) => {
    const maxLength = toLength(args[0], rt);
    if (maxLength <= s.length) return s;
    const filler = args[1] === undefined ? ' ' : toString(args[1], rt);
    if (filler === '') return s;
    rt.allocString(maxLength);
    return s[where](maxLength, filler);
  };
}

function repeat(s: string, args: unknown[], rt: Runtime): string {
  const n = toIntegerOrInfinity(args[0], rt);
  if (n < 0 || n === Infinity) throw rangeError(`Invalid count value: ${n}`);
  if (n === 0 || s.length === 0) return '';
  rt.allocString(s.length * n);
  return s.repeat(n);
}

function normalize(s: string, args: unknown[], rt: Runtime): string {
  const form = args[0] === undefined ? 'NFC' : toString(args[0], rt);
  if (form !== 'NFC' && form !== 'NFD' && form !== 'NFKC' && form !== 'NFKD') {
    throw rangeError('The normalization form should be one of NFC, NFD, NFKC, NFKD.');
  }
  rt.charge(scanSteps(s.length));
  return hostString(rt, () => s.normalize(form));
}

/** A case mapping: the output may be longer than the input ('ß' → 'SS'), so it is sized afterwards. */
function caseMap(op: (s: string, locales: string | string[] | undefined) => string): Method {
  return (s: string, args, rt) => {
    const [locales] = intlArgs(args, 0, rt);
    rt.charge(scanSteps(s.length));
    return intl(() => hostString(rt, () => op(s, locales)));
  };
}

// ---- replace and split -------------------------------------------------------------------------

function replace(s: string, args: unknown[], rt: Runtime): string {
  const [pattern, replacement] = args;
  if (pattern instanceof RegExpObject) return regExpReplace(pattern, s, replacement, rt);
  return stringReplace(s, toString(pattern, rt), replacement, false, rt);
}

function replaceAll(s: string, args: unknown[], rt: Runtime): string {
  const [pattern, replacement] = args;
  if (pattern instanceof RegExpObject) {
    if (!pattern.global) throw typeError('String.prototype.replaceAll called with a non-global RegExp argument');
    return regExpReplace(pattern, s, replacement, rt);
  }
  return stringReplace(s, toString(pattern, rt), replacement, true, rt);
}

/** Replace with a string pattern: the first occurrence, or every one (an empty pattern matches between characters). */
function stringReplace(s: string, search: string, replaceValue: unknown, all: boolean, rt: Runtime): string {
  const template = isCallable(replaceValue) ? null : toString(replaceValue, rt);
  const positions = occurrences(s, search, all ? Infinity : 1, rt);
  if (positions.length === 0) return s;
  const out = new StringBuilder(rt);
  let end = 0;
  for (const p of positions) {
    out.append(s.slice(end, p));
    if (template === null) out.append(toString(rt.call(replaceValue, [search, p, s]), rt));
    else appendSubstitution(out, { matched: search, str: s, position: p, captures: [], groups: undefined }, template);
    end = p + search.length;
  }
  out.append(s.slice(end));
  return out.toString();
}

/** Positions of `search` in `s`, at most `max` of them, non-overlapping. */
function occurrences(s: string, search: string, max: number, rt: Runtime): number[] {
  rt.charge(scanSteps(s.length));
  const step = Math.max(1, search.length);
  const positions: number[] = [];
  for (let p = s.indexOf(search); p >= 0 && positions.length < max; p = s.indexOf(search, p + step)) {
    rt.alloc(cost.element);
    positions.push(p);
    // indexOf clamps its start to the length, so an empty pattern would find the end forever.
    if (p + step > s.length) break;
  }
  return positions;
}

function split(s: string, args: unknown[], rt: Runtime): unknown[] {
  const [separator, limit] = args;
  if (separator instanceof RegExpObject) return regExpSplit(separator, s, limit, rt);
  const lim = limit === undefined ? 2 ** 32 - 1 : toUint32(limit, rt);
  const sep = toString(separator, rt);
  if (lim === 0) return arrayOf([], rt);
  if (separator === undefined) return arrayOf([s], rt);
  // Counted first, so that the result is paid for before the host builds it.
  const pieces = sep === '' ? Math.min(s.length, lim) : Math.min(occurrences(s, sep, lim, rt).length + 1, lim);
  rt.alloc(pieces * cost.element);
  return arrayOf(s.split(sep, lim), rt);
}

function match(s: string, args: unknown[], rt: Runtime): unknown {
  return regExpMatch(toRegExp(args[0], rt), s, rt);
}

function searchMethod(s: string, args: unknown[], rt: Runtime): number {
  return regExpSearch(toRegExp(args[0], rt), s, rt);
}

// ---- the method table --------------------------------------------------------------------------

/** ES2024 methods that Node 20 has but this project's TypeScript lib does not declare. */
type WellFormed = string & { isWellFormed(): boolean; toWellFormed(): string };

/** Methods that only take characters away: the host's, with integer arguments. */
const slicing: Record<string, Method> = {
  slice: (s: string, args, rt) => s.slice(toIntegerOrInfinity(args[0], rt), optInt(args[1], rt)),
  substring: (s: string, args, rt) => s.substring(toIntegerOrInfinity(args[0], rt), optInt(args[1], rt)),
  substr: (s: string, args, rt) => s.substr(toIntegerOrInfinity(args[0], rt), optInt(args[1], rt)),
  charAt: (s: string, args, rt) => s.charAt(toIntegerOrInfinity(args[0], rt)),
  charCodeAt: (s: string, args, rt) => s.charCodeAt(toIntegerOrInfinity(args[0], rt)),
  codePointAt: (s: string, args, rt) => s.codePointAt(toIntegerOrInfinity(args[0], rt)),
  trim: (s: string) => s.trim(),
  trimStart: (s: string) => s.trimStart(),
  trimEnd: (s: string) => s.trimEnd(),
  trimLeft: (s: string) => s.trimStart(),
  trimRight: (s: string) => s.trimEnd(),
  isWellFormed: (s: string, _args, rt) => (rt.charge(scanSteps(s.length)), (s as WellFormed).isWellFormed()),
  toWellFormed: (s: string, _args, rt) => (rt.charge(scanSteps(s.length)), (s as WellFormed).toWellFormed()),
  toString: (s: string) => s,
  valueOf: (s: string) => s,
};

const stringMethods: Record<string, Method> = {
  ...slicing,
  at,
  concat,
  endsWith,
  includes: find('includes', true),
  indexOf: find('indexOf', false),
  lastIndexOf,
  localeCompare,
  match,
  normalize,
  padEnd: pad('padEnd'),
  padStart: pad('padStart'),
  repeat,
  replace,
  replaceAll,
  search: searchMethod,
  split,
  startsWith,
  toLowerCase: caseMap((s) => s.toLowerCase()),
  toUpperCase: caseMap((s) => s.toUpperCase()),
  toLocaleLowerCase: caseMap((s, l) => s.toLocaleLowerCase(l)),
  toLocaleUpperCase: caseMap((s, l) => s.toLocaleUpperCase(l)),
};
Object.assign(methodTables.string, stringMethods);

// ---- the String constructor --------------------------------------------------------------------

function fromCharCode(args: unknown[], rt: Runtime): string {
  rt.allocString(args.length);
  const codes: number[] = [];
  for (const a of args) codes.push(toNumber(a, rt) & 0xffff);
  return fromCodes(codes, String.fromCharCode);
}

function fromCodePoint(args: unknown[], rt: Runtime): string {
  rt.allocString(2 * args.length);
  const codes: number[] = [];
  for (const a of args) {
    const n = toNumber(a, rt);
    if (!Number.isInteger(n) || n < 0 || n > 0x10ffff) throw rangeError(`Invalid code point ${n}`);
    codes.push(n);
  }
  return fromCodes(codes, String.fromCodePoint);
}

/** Applies a host String.from* in chunks: a spread of a huge argument list would overflow the host stack. */
function fromCodes(codes: number[], from: (...codes: number[]) => string): string {
  let s = '';
  for (let i = 0; i < codes.length; i += 4096) s += from(...codes.slice(i, i + 4096));
  return s;
}

export const StringClass = new HostClass({
  toHost: (self: StringBox) => Object(self.value),
  name: 'String',
  call: (args, rt) => (args.length === 0 ? '' : toString(args[0], rt)),
  construct: (args, rt) => makeStringBox(args.length === 0 ? '' : toString(args[0], rt), rt),
  methods: boxMethods(stringMethods),
  getters: { length: (self: StringBox) => self.value.length },
  statics: {
    fromCharCode: fn('fromCharCode', 1, fromCharCode),
    fromCodePoint: fn('fromCodePoint', 1, fromCodePoint),
  },
});
bindHostClass(StringBox, StringClass);
