// Small helpers shared by the built-ins: argument conversions named after the ECMAScript abstract
// operations, budget-aware construction of arrays and strings, and the nesting guard that keeps
// recursive built-ins (join, JSON, flat) from exhausting the host stack on deeply nested guest data.

import { limitError, rangeError, typeError } from '../errors.js';
import { HostFunction, HostObject, isCallable, isGuestObject } from '../values.js';
import type { Callable, Method, NativeFn } from '../values.js';
import type { Runtime } from '../runtime.js';
import { cost, maxArrayLength, maxStringLength } from '../limits.js';
import { toIntegerOrInfinity, toNumber, toString } from '../operations.js';
import { describeForError } from '../describe.js';

export { toIntegerOrInfinity, toNumber, toString };

/** A native function value for a static or namespace member. */
export function fn(name: string, length: number, body: NativeFn): HostFunction {
  return new HostFunction(name, body, length);
}

// ---- primitive boxes ---------------------------------------------------------------------------

/** `new Number(1)`, `new String('a')`, `new Boolean(false)`: an object holding a primitive. */
export abstract class PrimitiveBox<T extends number | string | boolean = number | string | boolean> extends HostObject {
  constructor(readonly value: T) {
    super();
  }
}

/** A box class's methods: the primitive's methods, applied to the boxed value. */
export function boxMethods(table: Record<string, Method>): Record<string, Method> {
  const out: Record<string, Method> = Object.create(null);
  for (const name of Object.keys(table)) {
    const m = table[name];
    out[name] = (self: PrimitiveBox, args, rt) => m(self.value, args, rt);
  }
  return out;
}

// ---- conversions -------------------------------------------------------------------------------

/** ToLength: an integer in [0, 2^53 - 1]. */
export function toLength(v: unknown, rt: Runtime): number {
  const n = toIntegerOrInfinity(v, rt);
  return n <= 0 ? 0 : Math.min(n, Number.MAX_SAFE_INTEGER);
}

export function toUint32(v: unknown, rt: Runtime): number {
  return toNumber(v, rt) >>> 0;
}

/** A relative start/end argument (negative counts from the end), clamped to [0, len]. */
export function relativeIndex(v: unknown, len: number, rt: Runtime, dflt: number): number {
  if (v === undefined) return dflt;
  const rel = toIntegerOrInfinity(v, rt);
  return rel < 0 ? Math.max(len + rel, 0) : Math.min(rel, len);
}

export function requireCallable(f: unknown): Callable {
  if (!isCallable(f)) throw typeError(`${describeCallee(f)} is not a function`);
  return f;
}

/** V8 prints a string callee without quotes (`abc is not a function`). */
function describeCallee(f: unknown): string {
  return typeof f === 'string' ? f : describeForError(f);
}

/** RequireObjectCoercible, with V8's message for the Object statics. */
export function requireObjectCoercible(v: unknown): void {
  if (v === null || v === undefined) throw typeError('Cannot convert undefined or null to object');
}

export function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}

// ---- budget-aware construction ----------------------------------------------------------------

/** A new array of `n` holes, paid for before the host allocates it. */
export function newArray(n: number, rt: Runtime): unknown[] {
  // Memory first: an absurd length is the memory limit, as for strings; the length cap stays a backstop.
  rt.alloc(cost.arrayBase + n * cost.element);
  if (n > maxArrayLength) throw rangeError(`array length ${n} exceeds the limit of ${maxArrayLength}`);
  return new Array(n);
}

/** A new array holding `values` (a host array the built-in made and will not reuse). */
export function arrayOf(values: unknown[], rt: Runtime): unknown[] {
  rt.alloc(cost.arrayBase + values.length * cost.element);
  return values;
}

/** Appends one element to an array being built, checking its length and paying for it. */
export function pushChecked(a: unknown[], v: unknown, rt: Runtime): void {
  if (a.length >= maxArrayLength) throw rangeError(`array length ${a.length + 1} exceeds the limit of ${maxArrayLength}`);
  rt.alloc(cost.element);
  a.push(v);
}

/**
 * Runs a native string operation whose output size is only known afterwards (case mapping,
 * normalisation, JSON quoting). V8 refuses strings past its own limit with a host RangeError; that
 * becomes the guest's memory-limit error, and the result is charged once it exists.
 */
export function hostString(rt: Runtime, op: () => string): string {
  let s: string;
  try {
    s = op();
  } catch (e) {
    if (e instanceof RangeError && /string length/i.test(e.message)) throw limitError('memory', 'string too long');
    throw e;
  }
  rt.allocString(s.length);
  return s;
}

/** Cost in steps of a native scan over `n` characters: natives run far faster than guest steps. */
export function scanSteps(n: number): number {
  return 1 + (n >>> 4);
}

/**
 * Makes the runtime look at the clock now rather than when its current chunk of fuel runs out, by
 * spending what is left of that chunk (at most a few thousand steps). Used after a native call that
 * took long for the steps it was charged.
 */
export function checkClock(rt: Runtime): void {
  rt.charge(Math.max(rt.fuel, 1));
}

/**
 * Accumulates a string piece by piece, charging each piece before it is kept, so a result that
 * would exceed the string or memory limit fails before the host builds it.
 */
export class StringBuilder {
  // Host concatenation builds a rope, flattened once at the end: cheaper than an array of parts.
  private text = '';
  constructor(private readonly rt: Runtime) {}

  append(s: string): void {
    const length = this.text.length + s.length;
    if (length > maxStringLength) throw limitError('memory', `string of ${length} characters`);
    this.rt.alloc(cost.element + s.length * cost.stringChar);
    this.text += s;
  }

  toString(): string {
    return this.text;
  }
}

// ---- nesting guard -----------------------------------------------------------------------------

/** Deepest nesting a recursive built-in follows before giving up with a guest RangeError. */
export const maxNesting = 1000;
let nesting = 0;

/** Runs `body` one nesting level deeper; `what` names the operation in the error. */
export function nested<T>(what: string, body: () => T): T {
  if (nesting >= maxNesting) throw rangeError(`${what}: nesting too deep (more than ${maxNesting} levels)`);
  nesting++;
  try {
    return body();
  } finally {
    nesting--;
  }
}

// ---- Intl arguments ----------------------------------------------------------------------------

/**
 * The (locales, options) arguments of the toLocale* methods as host values: a locale string or
 * array of strings, and an options bag copied field by field with primitive values only.
 */
export function intlArgs(args: unknown[], i: number, rt: Runtime): [string | string[] | undefined, Record<string, unknown> | undefined] {
  const l = args[i], o = args[i + 1];
  const locales = l === undefined ? undefined : Array.isArray(l) ? stringsOf(l, rt) : toString(l, rt);
  if (!isGuestObject(o)) return [locales, undefined];
  const options = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') options[k] = v;
  }
  return [locales, options];
}

function stringsOf(a: unknown[], rt: Runtime): string[] {
  rt.charge(a.length);
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) out.push(toString(a[i], rt));
  return out;
}

/** Runs an Intl-backed native; its argument errors become guest errors. */
export function intl<T>(op: () => T): T {
  try {
    return op();
  } catch (e) {
    if (e instanceof RangeError) throw rangeError(e.message);
    if (e instanceof TypeError) throw typeError(e.message);
    throw e;
  }
}
