// The one audited crossing between host and guest values.
//
// In: host data is copied into guest data (plain objects become GuestObjects, arrays are copied),
// host functions are wrapped so that they receive inert copies and their results are converted
// back, and values already built with the host API (HostClass, HostObject...) pass as they are.
// Anything else (class instances, symbols, bigints, promises) is refused with a clear error.
//
// Out: guest data becomes inert host data; a guest function becomes a host function that runs the
// closure in its realm, under that realm's limits.

import { Closure, GuestObject, HostClass, HostFunction, HostObject, isGuestNonArray, isGuestObject } from './values.js';
import type { Realm } from './realm.js';
import { limitError } from './errors.js';

/** Deeper host data than this is refused at the boundary: conversion must not exhaust the host stack. */
const maxDepth = 1000;

export function toGuest(v: unknown, seen = new Map<object, unknown>(), depth = 0): unknown {
  switch (typeof v) {
    case 'undefined':
    case 'boolean':
    case 'number':
    case 'string':
      return v;
    case 'function':
      return wrapHostFunction(v as (...args: unknown[]) => unknown);
    case 'bigint':
    case 'symbol':
      throw new TypeError(`cannot pass a ${typeof v} into a PipyJS script`);
  }
  if (v === null) return null;
  if (isGuestNonArray(v)) return v;
  const done = seen.get(v as object);
  if (done !== undefined) return done;
  if (depth > maxDepth) throw new TypeError(`cannot pass data nested deeper than ${maxDepth} levels into a PipyJS script`);
  if (Array.isArray(v)) {
    const a: unknown[] = [];
    seen.set(v, a);
    for (const x of v) a.push(toGuest(x, seen, depth + 1));
    return a;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    const o = new GuestObject();
    seen.set(v as object, o);
    for (const [k, x] of Object.entries(v as object)) o[k] = toGuest(x, seen, depth + 1);
    return o;
  }
  throw new TypeError(`cannot pass a host ${proto?.constructor?.name ?? 'object'} into a PipyJS script: convert it to plain data or wrap it in a function`);
}


function wrapHostFunction(f: (...args: unknown[]) => unknown): HostFunction {
  return new HostFunction(f.name || 'anonymous', (args) => toGuest(f(...args.map((a) => toHost(a, null)))), f.length);
}

/** Guest value → inert host data. `realm` runs guest functions handed back; null makes them inert. */
export function toHost(v: unknown, realm: Realm | null, seen = new Map<object, unknown>(), depth = 0): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (depth > maxDepth) throw limitError('depth', `result nested deeper than ${maxDepth} levels`);
  if (Array.isArray(v)) {
    const a: unknown[] = new Array(v.length);
    seen.set(v, a);
    for (const k of Object.keys(v)) {
      const value = toHost((v as unknown as Record<string, unknown>)[k], realm, seen, depth + 1);
      Object.defineProperty(a, k, { value, enumerable: true, writable: true, configurable: true });
    }
    return a;
  }
  if (isGuestObject(v)) {
    const o: Record<string, unknown> = {};
    seen.set(v, o);
    for (const k of Object.keys(v)) Object.defineProperty(o, k, { value: toHost(v[k], realm, seen, depth + 1), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (v instanceof Closure || v instanceof HostFunction || v instanceof HostClass) return hostFunctionFor(v, realm);
  if (v instanceof HostObject) {
    const convert = v.hostClass.spec.toHost;
    return convert ? convert(v) : {};
  }
  return {};
}

function hostFunctionFor(f: Closure | HostFunction | HostClass, realm: Realm | null): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    if (!realm) throw new TypeError('this PipyJS function cannot run outside its realm');
    return toHost(realm.callGuest(f, args.map((a) => toGuest(a))), realm);
  };
}
