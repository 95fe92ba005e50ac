// Conversions and operators, named after the ECMAScript abstract operations they implement.
//
// On primitives every operator is the host's own, so semantics are exactly ECMAScript's. Objects
// are first turned into primitives here (OrdinaryToPrimitive over the guest's own `valueOf` and
// `toString`, then the built-in defaults), because guest objects have no host prototype to do it.

import { typeError } from './errors.js';
import { HostClass, HostObject, isCallable, isGuestNonArray } from './values.js';
import type { Runtime } from './runtime.js';
import { getProperty } from './properties.js';
import { describeForError } from './describe.js';

export type Hint = 'default' | 'number' | 'string';

export function isPrimitive(v: unknown): boolean {
  return typeof v !== 'object' || v === null;
}

export function toBoolean(v: unknown): boolean {
  return isPrimitive(v) ? Boolean(v) : true;
}

/** ToPrimitive: guest `valueOf`/`toString` first (own or class methods), then built-in defaults. */
export function toPrimitive(v: unknown, hint: Hint, rt: Runtime): unknown {
  if (isPrimitive(v)) return v;
  const preferString = hint === 'string' || (hint === 'default' && v instanceof HostObject && v.hostClass.spec.name === 'Date');
  const order = preferString ? ['toString', 'valueOf'] : ['valueOf', 'toString'];
  for (const name of order) {
    const m = getProperty(v, name, rt);
    if (isCallable(m)) {
      const r = callMethod(m, v, rt);
      if (isPrimitive(r)) return r;
    }
  }
  throw typeError('Cannot convert object to primitive value');
}

/** Calls a method value read from `self`: bound natives already carry `self`. */
function callMethod(m: unknown, self: unknown, rt: Runtime): unknown {
  void self;
  return rt.call(m, []);
}

export function toNumber(v: unknown, rt: Runtime): number {
  return typeof v === 'number' ? v : Number(isPrimitive(v) ? v : toPrimitive(v, 'number', rt));
}

export function toString(v: unknown, rt: Runtime): string {
  return typeof v === 'string' ? v : String(isPrimitive(v) ? v : toPrimitive(v, 'string', rt));
}

/** A computed key, converted once: an array index stays a number, everything else becomes a string. */
export function toPropertyKey(v: unknown, rt: Runtime): string | number {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : String(v);
  return typeof v === 'string' ? v : toString(v, rt);
}

export function toIntegerOrInfinity(v: unknown, rt: Runtime): number {
  const n = toNumber(v, rt);
  if (Number.isNaN(n)) return 0;
  return Math.trunc(n) + 0;
}

// ---- operators ---------------------------------------------------------------------------------

export function add(a: unknown, b: unknown, rt: Runtime): unknown {
  const pa = toPrimitive(a, 'default', rt);
  const pb = toPrimitive(b, 'default', rt);
  if (typeof pa === 'string' || typeof pb === 'string') return concat(String(pa), String(pb), rt);
  return (pa as number) + (pb as number);
}

/** String concatenation, charged against the memory budget. */
export function concat(a: string, b: string, rt: Runtime): string {
  rt.allocString(a.length + b.length);
  return a + b;
}

type NumericOp = (a: number, b: number) => number;
export const arithmetic: Record<string, NumericOp> = {
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '**': (a, b) => a ** b,
  '&': (a, b) => a & b,
  '|': (a, b) => a | b,
  '^': (a, b) => a ^ b,
  '<<': (a, b) => a << b,
  '>>': (a, b) => a >> b,
  '>>>': (a, b) => a >>> b,
};

export function lessThan(a: unknown, b: unknown, rt: Runtime, leftFirst: boolean): { lt: boolean; undef: boolean } {
  let pa: unknown, pb: unknown;
  if (leftFirst) {
    pa = toPrimitive(a, 'number', rt);
    pb = toPrimitive(b, 'number', rt);
  } else {
    pb = toPrimitive(b, 'number', rt);
    pa = toPrimitive(a, 'number', rt);
  }
  // Host comparison on primitives is the abstract relational comparison itself.
  const x = pa as number, y = pb as number;
  return { lt: x < y, undef: !(x < y) && !(x >= y) };
}

export function compare(op: string, a: unknown, b: unknown, rt: Runtime): boolean {
  switch (op) {
    case '<': { const r = lessThan(a, b, rt, true); return r.lt; }
    case '>': { const r = lessThan(b, a, rt, false); return r.lt; }
    case '<=': { const r = lessThan(b, a, rt, false); return !r.lt && !r.undef; }
    case '>=': { const r = lessThan(a, b, rt, true); return !r.lt && !r.undef; }
  }
  throw typeError(`unknown comparison ${op}`);
}

/** Abstract equality (`==`). */
export function looseEquals(a: unknown, b: unknown, rt: Runtime): boolean {
  const pa = isPrimitive(a), pb = isPrimitive(b);
  if (pa && pb) return a == b;
  if (!pa && !pb) return a === b;
  const prim = pa ? a : b;
  const obj = pa ? b : a;
  if (prim === null || prim === undefined) return false;
  const converted = toPrimitive(obj, 'default', rt);
  return prim == converted;
}

export function instanceOf(v: unknown, f: unknown): boolean {
  if (!isCallable(f)) throw typeError("Right-hand side of 'instanceof' is not callable");
  if (f instanceof HostClass) return f.hasInstance(v);
  // Arrow functions and native functions have no prototype to test against.
  throw typeError("Function has non-object prototype 'undefined' in instanceof check");
}

export function typeErrorNotObject(what: string, v: unknown): never {
  throw typeError(`${what} ${describeForError(v)}`);
}

/** True for values a script sees as objects (`typeof` object or function, not null). */
export function isObjectValue(v: unknown): boolean {
  return Array.isArray(v) || isGuestNonArray(v);
}
