// Object: the constructor, its statics, and the methods every guest object answers to
// (toString, valueOf, hasOwnProperty...). index.ts also copies these methods into the tables of
// arrays, functions and primitives, where ECMAScript would find them on Object.prototype.
//
// Own keys and own values come from properties.ts (`ownKeys`/`getOwn`), the same view that spread
// and JSON use, so a string lists its indices and an array its elements and named properties.

import { typeError } from '../errors.js';
import { Closure, GuestObject, HostClass, HostFunction, HostObject, Namespace, isGuestObject } from '../values.js';
import type { Method } from '../values.js';
import type { Runtime } from '../runtime.js';
import { canonicalIndex, getOwn, getProperty, methodTables, own, ownKeys, setObjectProperty, setProperty } from '../properties.js';
import { isObjectValue, toPropertyKey } from '../operations.js';
import { cost } from '../limits.js';
import { arrayOf, fn, requireObjectCoercible } from './args.js';
import { NumberBox } from './number.js';
import { BooleanBox } from './boolean.js';
import { StringBox, makeStringBox } from './string.js';

/** ToObject: objects as they are, primitives boxed; undefined and null are a TypeError. */
export function toObject(v: unknown, rt: Runtime): unknown {
  requireObjectCoercible(v);
  if (typeof v === 'number') return new NumberBox(v);
  if (typeof v === 'string') return makeStringBox(v, rt);
  if (typeof v === 'boolean') return new BooleanBox(v);
  return v;
}

// ---- own properties ----------------------------------------------------------------------------

/** HasOwnProperty for every kind of guest value, built-in own properties (length, name) included. */
export function hasOwnKey(v: unknown, key: string | number): boolean {
  if (isGuestObject(v)) return own(v, key);
  if (Array.isArray(v)) return key === 'length' || own(v, key);
  if (typeof v === 'string') return key === 'length' || isIndexIn(key, v.length);
  if (v instanceof Closure || v instanceof HostFunction) {
    return key === 'length' || key === 'name' || (v.props !== null && own(v.props, key));
  }
  if (v instanceof StringBox && key === 'length') return true;
  if (v instanceof HostObject) return v.props !== null && own(v.props, key);
  if (v instanceof Namespace) return own(v.members, key);
  if (v instanceof HostClass) return key === 'name' || own(v.statics, key);
  return false;
}

function isIndexIn(key: string | number, length: number): boolean {
  const i = typeof key === 'number' ? key : canonicalIndex(key);
  return i >= 0 && i < length;
}

/** Own and enumerable: the built-in lengths and names are not enumerable. */
function isEnumerableOwn(v: unknown, key: string | number): boolean {
  if (key === 'length' || key === 'name') {
    if (Array.isArray(v) || typeof v === 'string' || v instanceof StringBox || v instanceof Closure || v instanceof HostFunction || v instanceof HostClass) {
      return false;
    }
  }
  return !(v instanceof Namespace) && hasOwnKey(v, key);
}

/**
 * Keys for Object.keys/values/entries: ToObject first, so null and undefined are refused. The list
 * is paid for before the host makes it: a long string or array has one key per element.
 */
function keysOf(v: unknown, rt: Runtime): string[] {
  requireObjectCoercible(v);
  const indexed = typeof v === 'string' || Array.isArray(v) ? v.length : 0;
  rt.alloc(cost.arrayBase + indexed * cost.element);
  rt.charge(indexed);
  const keys = ownKeys(v);
  rt.charge(keys.length);
  return keys;
}

// ---- statics -----------------------------------------------------------------------------------

function keys(args: unknown[], rt: Runtime): unknown[] {
  return keysOf(args[0], rt);
}

function values(args: unknown[], rt: Runtime): unknown[] {
  const o = args[0];
  const out: unknown[] = [];
  for (const k of keysOf(o, rt)) out.push(getOwn(o, k));
  return arrayOf(out, rt);
}

function entries(args: unknown[], rt: Runtime): unknown[] {
  const o = args[0];
  const out: unknown[] = [];
  for (const k of keysOf(o, rt)) out.push(arrayOf([k, getOwn(o, k)], rt));
  return arrayOf(out, rt);
}

/** V8 lists `length` too for arrays and strings (it is own, just not enumerable). */
function getOwnPropertyNames(args: unknown[], rt: Runtime): unknown[] {
  const k = keysOf(args[0], rt);
  if (Array.isArray(args[0]) || typeof args[0] === 'string') k.push('length');
  return k;
}

function assign(args: unknown[], rt: Runtime): unknown {
  const target = toObject(args[0], rt);
  for (let i = 1; i < args.length; i++) {
    const source = args[i];
    if (source === null || source === undefined) continue;
    for (const k of keysOf(source, rt)) setProperty(target, k, getOwn(source, k), rt);
  }
  return target;
}

function fromEntries(args: unknown[], rt: Runtime): GuestObject {
  const list = args[0];
  requireObjectCoercible(list);
  if (!Array.isArray(list) && typeof list !== 'string') {
    throw typeError('object is not iterable (cannot read property Symbol(Symbol.iterator))');
  }
  rt.alloc(cost.object);
  const o = new GuestObject();
  for (let i = 0; i < list.length; i++) {
    rt.charge(1);
    const entry = list[i];
    if (!isObjectValue(entry)) throw typeError(`Iterator value ${String(entry)} is not an entry object`);
    const key = toPropertyKey(getProperty(entry, 0, rt), rt);
    setObjectProperty(o, key, getProperty(entry, 1, rt), rt);
  }
  return o;
}

function hasOwn(args: unknown[], rt: Runtime): boolean {
  requireObjectCoercible(args[0]);
  return hasOwnKey(args[0], toPropertyKey(args[1], rt));
}

export const ObjectClass = new HostClass({
  name: 'Object',
  call: (args, rt) => (args[0] === undefined || args[0] === null ? newObject(rt) : toObject(args[0], rt)),
  construct: (args, rt) => (args[0] === undefined || args[0] === null ? newObject(rt) : toObject(args[0], rt)),
  isInstance: isObjectValue,
  statics: {
    keys: fn('keys', 1, keys),
    values: fn('values', 1, values),
    entries: fn('entries', 1, entries),
    assign: fn('assign', 2, assign),
    fromEntries: fn('fromEntries', 1, fromEntries),
    hasOwn: fn('hasOwn', 2, hasOwn),
    is: fn('is', 2, (args) => Object.is(args[0], args[1])),
    getOwnPropertyNames: fn('getOwnPropertyNames', 1, getOwnPropertyNames),
  },
});

function newObject(rt: Runtime): GuestObject {
  rt.alloc(cost.object);
  return new GuestObject();
}

// ---- methods of every object -------------------------------------------------------------------

/** Object.prototype.toString: `[object Tag]`. */
export function objectTag(v: unknown): string {
  if (Array.isArray(v)) return '[object Array]';
  if (v instanceof Closure || v instanceof HostFunction || v instanceof HostClass) return '[object Function]';
  if (v instanceof HostObject) return v.hostClass.spec.tag ?? `[object ${v.hostClass.name}]`;
  if (v instanceof Namespace) return `[object ${v.name}]`;
  return '[object Object]';
}

export const objectMethods: Record<string, Method> = {
  toString: (self: unknown) => objectTag(self),
  toLocaleString: (self: unknown, _args: unknown[], rt: Runtime) => rt.call(getProperty(self, 'toString', rt), []),
  valueOf: (self: unknown) => self,
  hasOwnProperty: (self: unknown, args: unknown[], rt: Runtime) => hasOwnKey(self, toPropertyKey(args[0], rt)),
  propertyIsEnumerable: (self: unknown, args: unknown[], rt: Runtime) => isEnumerableOwn(self, toPropertyKey(args[0], rt)),
  isPrototypeOf: () => false,
};
Object.assign(methodTables.object, objectMethods);
