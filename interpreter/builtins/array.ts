// Array: the constructor, its statics, and the methods of guest arrays, with ECMAScript semantics
// (holes included: skipped by forEach, map, filter and the like, kept by map, slice and concat,
// read as undefined by find, includes and the ES2023 copying methods).
//
// Guest arrays are host arrays, but the host's Array.prototype methods that create arrays consult
// `constructor` and Symbol.species, so every method that builds an array is written out here. The
// host's own methods are used only where they cannot reach guest data that way (indexOf, reverse,
// fill...). Every method pays for the elements it visits and the arrays it makes before doing so.

import { limitError, rangeError, typeError } from '../errors.js';
import { HostClass, isCallable } from '../values.js';
import type { Method } from '../values.js';
import type { Runtime } from '../runtime.js';
import { getProperty, growArray, methodTables, own } from '../properties.js';
import { toBoolean } from '../operations.js';
import { cost, maxStringLength } from '../limits.js';
import {
  arrayOf,
  fn,
  nested,
  newArray,
  pushChecked,
  relativeIndex,
  requireCallable,
  toIntegerOrInfinity,
  toLength,
  toNumber,
  toString,
} from './args.js';

// ---- callbacks ---------------------------------------------------------------------------------

/** forEach, map, filter, some, every: the callback sees (value, index, array) for each present element. */
function visit(a: unknown[], args: unknown[], rt: Runtime, each: (r: unknown, v: unknown, i: number) => boolean | void): void {
  const f = requireCallable(args[0]);
  const n = a.length;
  for (let i = 0; i < n; i++) {
    if (!(i in a)) continue;
    rt.charge(1);
    const v = a[i];
    if (each(rt.call(f, [v, i, a]), v, i) === false) return;
  }
}

function forEach(a: unknown[], args: unknown[], rt: Runtime): undefined {
  visit(a, args, rt, () => {});
  return undefined;
}

function map(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  requireCallable(args[0]);
  const out = newArray(a.length, rt);
  visit(a, args, rt, (r, _v, i) => void (out[i] = r));
  return out;
}

function filter(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  const out = newArray(0, rt);
  visit(a, args, rt, (r, v) => void (toBoolean(r) && pushChecked(out, v, rt)));
  return out;
}

function some(a: unknown[], args: unknown[], rt: Runtime): boolean {
  let found = false;
  visit(a, args, rt, (r) => !(found = toBoolean(r)));
  return found;
}

function every(a: unknown[], args: unknown[], rt: Runtime): boolean {
  let all = true;
  visit(a, args, rt, (r) => (all = toBoolean(r)));
  return all;
}

/** find, findIndex, findLast, findLastIndex: holes are visited, as undefined. */
function finder(fromEnd: boolean, wantIndex: boolean): Method {
  return (a: unknown[], args, rt) => {
    const f = requireCallable(args[0]);
    const n = a.length;
    for (let k = 0; k < n; k++) {
      const i = fromEnd ? n - 1 - k : k;
      rt.charge(1);
      const v = a[i];
      if (toBoolean(rt.call(f, [v, i, a]))) return wantIndex ? i : v;
    }
    return wantIndex ? -1 : undefined;
  };
}

function reducer(fromEnd: boolean): Method {
  return (a: unknown[], args, rt) => {
    const f = requireCallable(args[0]);
    const n = a.length;
    const index = (k: number) => (fromEnd ? n - 1 - k : k);
    let k = 0, acc: unknown;
    if (args.length >= 2) acc = args[1];
    else {
      while (k < n && !(index(k) in a)) k++;
      if (k >= n) throw typeError('Reduce of empty array with no initial value');
      acc = a[index(k++)];
    }
    for (; k < n; k++) {
      const i = index(k);
      if (!(i in a)) continue;
      rt.charge(1);
      acc = rt.call(f, [acc, a[i], i, a]);
    }
    return acc;
  };
}

// ---- searching ---------------------------------------------------------------------------------

function includes(a: unknown[], args: unknown[], rt: Runtime): boolean {
  if (a.length === 0) return false;
  const from = toIntegerOrInfinity(args[1], rt);
  rt.charge(a.length);
  return a.includes(args[0], from);
}

function indexOf(a: unknown[], args: unknown[], rt: Runtime): number {
  if (a.length === 0) return -1;
  const from = toIntegerOrInfinity(args[1], rt);
  rt.charge(a.length);
  return a.indexOf(args[0], from);
}

function lastIndexOf(a: unknown[], args: unknown[], rt: Runtime): number {
  if (a.length === 0) return -1;
  const from = args.length > 1 ? toIntegerOrInfinity(args[1], rt) : a.length - 1;
  rt.charge(a.length);
  return a.lastIndexOf(args[0], from);
}

function at(a: unknown[], args: unknown[], rt: Runtime): unknown {
  const n = toIntegerOrInfinity(args[0], rt);
  const k = n >= 0 ? n : a.length + n;
  return k < 0 || k >= a.length ? undefined : a[k];
}

// ---- join and toString -------------------------------------------------------------------------

/** Arrays being joined right now: meeting one again (a cycle) prints as '', as V8 does. */
const joining: unknown[][] = [];

export function joinArray(a: unknown[], sep: string, rt: Runtime): string {
  if (joining.includes(a)) return '';
  return nested('Array.prototype.join', () => {
    joining.push(a);
    try {
      return joinElements(a, sep, rt, elementString);
    } finally {
      joining.pop();
    }
  });
}

/** The elements' strings are collected, measured and paid for, then joined by the host in one go. */
function joinElements(a: unknown[], sep: string, rt: Runtime, str: (v: unknown, rt: Runtime) => string): string {
  const n = a.length;
  rt.charge(n);
  rt.alloc(n * cost.element);
  const parts: string[] = new Array(n);
  let total = n > 0 ? (n - 1) * sep.length : 0;
  checkLength(total);
  for (let i = 0; i < n; i++) {
    const v = a[i];
    const t = v === undefined || v === null ? '' : str(v, rt);
    parts[i] = t;
    checkLength((total += t.length));
  }
  rt.allocString(total);
  return parts.join(sep);
}

function checkLength(length: number): void {
  if (length > maxStringLength) throw limitError('memory', `string of ${length} characters`);
}

/** A nested plain array joins directly (two host frames per level instead of a trip through ToPrimitive). */
function elementString(v: unknown, rt: Runtime): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && !own(v, 'toString') && !own(v, 'valueOf') && !own(v, 'join')) return joinArray(v, ',', rt);
  return toString(v, rt);
}

function join(a: unknown[], args: unknown[], rt: Runtime): string {
  return joinArray(a, args[0] === undefined ? ',' : toString(args[0], rt), rt);
}

/** Array.prototype.toString calls the array's own `join` when a script replaced it. */
function arrayToString(a: unknown[], _args: unknown[], rt: Runtime): unknown {
  const j = own(a, 'join') ? (a as unknown as Record<string, unknown>).join : undefined;
  return isCallable(j) ? rt.call(j, []) : joinArray(a, ',', rt);
}

function toLocaleString(a: unknown[], _args: unknown[], rt: Runtime): string {
  if (joining.includes(a)) return '';
  return nested('Array.prototype.toLocaleString', () => {
    joining.push(a);
    try {
      return joinElements(a, ',', rt, (v) => toString(rt.call(getProperty(v, 'toLocaleString', rt), []), rt));
    } finally {
      joining.pop();
    }
  });
}

// ---- copying -----------------------------------------------------------------------------------

/** Elements [from, from + count) into a new array; holes stay holes, or become undefined for the ES2023 methods. */
function copyRange(a: unknown[], from: number, count: number, rt: Runtime, fillHoles = false): unknown[] {
  const out = newArray(count, rt);
  rt.charge(count);
  for (let i = 0; i < count; i++) if (fillHoles || from + i in a) out[i] = a[from + i];
  return out;
}

function slice(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  const start = relativeIndex(args[0], a.length, rt, 0);
  const end = relativeIndex(args[1], a.length, rt, a.length);
  return copyRange(a, start, Math.max(end - start, 0), rt);
}

function concat(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  const items = [a, ...args];
  let total = 0;
  for (const item of items) total += Array.isArray(item) ? item.length : 1;
  const out = newArray(total, rt);
  rt.charge(total);
  let n = 0;
  for (const item of items) {
    if (!Array.isArray(item)) out[n++] = item;
    else {
      for (let i = 0; i < item.length; i++) if (i in item) out[n + i] = item[i];
      n += item.length;
    }
  }
  return out;
}

function flattenInto(out: unknown[], source: unknown[], depth: number, rt: Runtime): void {
  const n = source.length;
  rt.charge(n);
  for (let i = 0; i < n; i++) {
    if (!(i in source)) continue;
    const v = source[i];
    if (depth > 0 && Array.isArray(v)) nested('Array.prototype.flat', () => flattenInto(out, v, depth - 1, rt));
    else pushChecked(out, v, rt);
  }
}

function flat(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  const depth = args[0] === undefined ? 1 : Math.max(0, toIntegerOrInfinity(args[0], rt));
  const out = newArray(0, rt);
  flattenInto(out, a, depth, rt);
  return out;
}

function flatMap(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  const out = newArray(0, rt);
  visit(a, args, rt, (r) => (Array.isArray(r) ? flattenInto(out, r, 0, rt) : pushChecked(out, r, rt)));
  return out;
}

// ---- mutation ----------------------------------------------------------------------------------

/** Moves `count` elements from `from` to `to`, holes included, in the order that does not overwrite sources. */
function moveElements(a: unknown[], from: number, to: number, count: number): void {
  const moveOne = (k: number) => {
    if (from + k in a) a[to + k] = a[from + k];
    else delete a[to + k];
  };
  if (to < from) for (let k = 0; k < count; k++) moveOne(k);
  else for (let k = count - 1; k >= 0; k--) moveOne(k);
}

function push(a: unknown[], args: unknown[], rt: Runtime): number {
  growArray(a, a.length + args.length, rt);
  for (const v of args) a.push(v);
  return a.length;
}

function unshift(a: unknown[], args: unknown[], rt: Runtime): number {
  const len = a.length, k = args.length;
  if (k === 0) return len;
  growArray(a, len + k, rt);
  rt.charge(len);
  moveElements(a, 0, k, len);
  for (let i = 0; i < k; i++) a[i] = args[i];
  return a.length;
}

/** Start and delete count of splice/toSpliced, as ECMAScript derives them from the arguments. */
function spliceRange(a: unknown[], args: unknown[], rt: Runtime): [number, number] {
  const len = a.length;
  const start = relativeIndex(args[0], len, rt, 0);
  if (args.length === 0) return [start, 0];
  if (args.length === 1) return [start, len - start];
  return [start, Math.min(Math.max(toIntegerOrInfinity(args[1], rt), 0), len - start)];
}

function splice(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  const len = a.length;
  const [start, deleteCount] = spliceRange(a, args, rt);
  const items = args.length > 2 ? args.length - 2 : 0;
  const removed = copyRange(a, start, deleteCount, rt);
  const newLength = len - deleteCount + items;
  if (newLength > len) growArray(a, newLength, rt);
  rt.charge(len - start);
  moveElements(a, start + deleteCount, start + items, len - start - deleteCount);
  for (let i = 0; i < items; i++) a[start + i] = args[i + 2];
  a.length = newLength;
  return removed;
}

function toSpliced(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  const len = a.length;
  const [start, skip] = spliceRange(a, args, rt);
  const items = args.length > 2 ? args.length - 2 : 0;
  const out = newArray(len - skip + items, rt);
  rt.charge(out.length);
  for (let i = 0; i < start; i++) out[i] = a[i];
  for (let i = 0; i < items; i++) out[start + i] = args[i + 2];
  for (let i = start + skip; i < len; i++) out[i - skip + items] = a[i];
  return out;
}

function copyWithin(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  const len = a.length;
  const target = relativeIndex(args[0], len, rt, 0);
  const start = relativeIndex(args[1], len, rt, 0);
  const end = relativeIndex(args[2], len, rt, len);
  rt.charge(len);
  a.copyWithin(target, start, end);
  return a;
}

function fill(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  const start = relativeIndex(args[1], a.length, rt, 0);
  const end = relativeIndex(args[2], a.length, rt, a.length);
  rt.charge(Math.max(end - start, 0));
  a.fill(args[0], start, end);
  return a;
}

function reverse(a: unknown[], _args: unknown[], rt: Runtime): unknown[] {
  rt.charge(a.length);
  a.reverse();
  return a;
}

function toReversed(a: unknown[], _args: unknown[], rt: Runtime): unknown[] {
  const n = a.length;
  const out = newArray(n, rt);
  rt.charge(n);
  for (let i = 0; i < n; i++) out[i] = a[n - 1 - i];
  return out;
}

function withMethod(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  const rel = toIntegerOrInfinity(args[0], rt);
  const index = rel >= 0 ? rel : a.length + rel;
  if (index < 0 || index >= a.length) throw rangeError(`Invalid index : ${rel}`);
  const out = copyRange(a, 0, a.length, rt, true);
  out[index] = args[1];
  return out;
}

// ---- sorting -----------------------------------------------------------------------------------

function checkComparator(cmp: unknown): void {
  if (cmp !== undefined && !isCallable(cmp)) {
    throw typeError('The comparison function must be either a function or undefined');
  }
}

/**
 * Sorts the defined values (a host array this module made) with the host's stable sort: by
 * UTF-16 order of their strings by default (each converted once), else by the guest comparator.
 */
function sortValues(values: unknown[], cmp: unknown, rt: Runtime): unknown[] {
  const n = values.length;
  if (cmp !== undefined) {
    return values.sort((x, y) => {
      rt.charge(1);
      const r = toNumber(rt.call(cmp, [x, y]), rt);
      return r !== r ? 0 : r;
    });
  }
  rt.alloc(n * cost.object);
  const keyed: { v: unknown; k: string }[] = [];
  for (const v of values) keyed.push({ v, k: toString(v, rt) });
  rt.charge(n * Math.ceil(Math.log2(n + 1)));
  keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
  for (let i = 0; i < n; i++) values[i] = keyed[i].v;
  return values;
}

/** The present elements split into defined values and a count of undefined ones (holes dropped). */
function sortable(a: unknown[], rt: Runtime, fillHoles: boolean): { values: unknown[]; undefs: number } {
  rt.charge(a.length);
  rt.alloc(a.length * cost.element);
  const values: unknown[] = [];
  let undefs = 0;
  for (let i = 0; i < a.length; i++) {
    if (!fillHoles && !(i in a)) continue;
    if (a[i] === undefined) undefs++;
    else values.push(a[i]);
  }
  return { values, undefs };
}

function sort(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  checkComparator(args[0]);
  const { values, undefs } = sortable(a, rt, false);
  sortValues(values, args[0], rt);
  const n = a.length;
  let i = 0;
  for (const v of values) a[i++] = v;
  for (let u = 0; u < undefs; u++) a[i++] = undefined;
  for (; i < n; i++) delete a[i];
  return a;
}

function toSorted(a: unknown[], args: unknown[], rt: Runtime): unknown[] {
  checkComparator(args[0]);
  const { values, undefs } = sortable(a, rt, true);
  const sorted = sortValues(values, args[0], rt);
  for (let u = 0; u < undefs; u++) sorted.push(undefined);
  return arrayOf(sorted, rt);
}

// ---- tables ------------------------------------------------------------------------------------

const arrayMethods: Record<string, Method> = {
  at,
  concat,
  copyWithin,
  every,
  fill,
  filter,
  find: finder(false, false),
  findIndex: finder(false, true),
  findLast: finder(true, false),
  findLastIndex: finder(true, true),
  flat,
  flatMap,
  forEach,
  includes,
  indexOf,
  join,
  lastIndexOf,
  map,
  pop: (a: unknown[]) => a.pop(),
  push,
  reduce: reducer(false),
  reduceRight: reducer(true),
  reverse,
  shift: (a: unknown[], _args, rt) => (rt.charge(a.length), a.shift()),
  slice,
  some,
  sort,
  splice,
  toLocaleString,
  toReversed,
  toSorted,
  toSpliced,
  toString: arrayToString,
  unshift,
  with: withMethod,
};
Object.assign(methodTables.array, arrayMethods);

// ---- the Array constructor ---------------------------------------------------------------------

/** `Array(n)` / `new Array(n)` make n holes; any other arguments become the elements. */
function construct(args: unknown[], rt: Runtime): unknown[] {
  if (args.length === 1 && typeof args[0] === 'number') {
    const n = args[0];
    if (n >>> 0 !== n) throw rangeError('Invalid array length');
    return newArray(n, rt);
  }
  return copyRange(args, 0, args.length, rt, true);
}

/** The values of an iterable (array, string) or array-like, as a new array. */
function listFrom(items: unknown, rt: Runtime): unknown[] {
  if (items === null || items === undefined) {
    throw typeError(`${items} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  }
  if (Array.isArray(items)) return copyRange(items, 0, items.length, rt, true);
  if (typeof items === 'string') {
    rt.charge(items.length);
    rt.alloc(cost.arrayBase + items.length * cost.element);
    return Array.from(items);
  }
  const len = toLength(getProperty(items, 'length', rt), rt);
  const out = newArray(len, rt);
  for (let k = 0; k < len; k++) {
    rt.charge(1);
    out[k] = getProperty(items, k, rt);
  }
  return out;
}

function from(args: unknown[], rt: Runtime): unknown[] {
  const [items, mapFn] = args;
  if (mapFn !== undefined) requireCallable(mapFn);
  const out = listFrom(items, rt);
  if (mapFn === undefined) return out;
  for (let k = 0; k < out.length; k++) {
    rt.charge(1);
    out[k] = rt.call(mapFn, [out[k], k]);
  }
  return out;
}

export const ArrayClass = new HostClass({
  name: 'Array',
  call: construct,
  construct,
  isInstance: Array.isArray,
  statics: {
    isArray: fn('isArray', 1, (args) => Array.isArray(args[0])),
    of: fn('of', 0, (args, rt) => copyRange(args, 0, args.length, rt, true)),
    from: fn('from', 1, from),
  },
});
