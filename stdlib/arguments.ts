// Argument checks for every stdlib native, with the messages of Pipy's native argument conventions
// (pipyjs-language.md §3.2): `requires N or more arguments`, `argument #i expects <type>`.
//
// Indexes are 0-based here and shown 1-based in messages. Checks are strict (no coercion): a number
// is not a string. An optional argument that is undefined or null counts as missing (`optional`).
// The `<type>` wording is Pipy's and varies by native ("an array", "an instance of pjs::Array"), so
// callers that differ pass their own.
//
// data.ts uses these checks and this module uses Data only inside function bodies (instanceof), so
// the import cycle between the two is harmless whichever module loads first.

import { Buffer } from 'node:buffer';
import { typeError, isCallable, isGuestObject, getProperty } from '../interpreter/index.js';
import type { GuestObject, HostClass, Runtime } from '../interpreter/index.js';
import { Data } from './data.js';
import type { DataEncoding } from './data.js';

export function requireArgs(args: unknown[], n: number): void {
  if (args.length < n) throw tooFewArguments(n);
}

export function tooFewArguments(n: number): Error {
  return typeError(`requires ${n} or more arguments`);
}

export function isMissing(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

/** The TypeError for argument #i+1; `what` is the expected type as Pipy words it ("a string"). */
export function argumentError(i: number, what: string): Error {
  return typeError(`argument #${i + 1} expects ${what}`);
}

/** `check(v, i)` for a present value, null for a missing one. */
export function optional<T>(v: unknown, i: number, check: (v: unknown, i: number) => T): T | null {
  return isMissing(v) ? null : check(v, i);
}

// ---- single values -----------------------------------------------------------------------------

export function expectString(v: unknown, i: number): string {
  if (typeof v !== 'string') throw argumentError(i, 'a string');
  return v;
}

export function expectNumber(v: unknown, i: number): number {
  if (typeof v !== 'number') throw argumentError(i, 'a number');
  return v;
}

/** A guest function (closure, native function or class). */
export function expectFunction(v: unknown, i: number): unknown {
  if (!isCallable(v)) throw argumentError(i, 'a function');
  return v;
}

export function expectArray(v: unknown, i: number, what = 'an instance of pjs::Array'): unknown[] {
  if (!Array.isArray(v)) throw argumentError(i, what);
  return v;
}

/** Any object a script can hold (plain objects, arrays, natives, functions), as in ECMAScript. */
export function expectObject(v: unknown, i: number): object {
  if (typeof v !== 'object' || v === null) throw argumentError(i, 'an object');
  return v;
}

/** A plain object literal, for natives that keep it as their own field table. */
export function expectPlainObject(v: unknown, i: number): GuestObject {
  if (!isGuestObject(v)) throw argumentError(i, 'an object');
  return v;
}

/** An instance of a native class (or a subclass); `name` is the C++ name Pipy's message shows. */
export function expectInstance<T>(v: unknown, i: number, cls: HostClass, name: string): T {
  if (!cls.hasInstance(v)) throw argumentError(i, `an instance of ${name}`);
  return v as T;
}

/** A Data; `name` is how the native names the class in its message (most say `pipy::Data`). */
export function expectData(v: unknown, i: number, name = 'pipy::Data'): Data {
  if (!(v instanceof Data)) throw argumentError(i, `an instance of ${name}`);
  return v;
}

export function expectStringOrData(v: unknown, i: number): string | Data {
  if (typeof v !== 'string' && !(v instanceof Data)) throw argumentError(i, 'a string or Data');
  return v;
}

// ---- positional shorthands ---------------------------------------------------------------------

/** Argument i must be given (the count is checked first, as Pipy does) and be a string. */
export function requiredString(args: unknown[], i: number): string {
  requireArgs(args, i + 1);
  return expectString(args[i], i);
}

export function requiredFunction(args: unknown[], i: number): unknown {
  requireArgs(args, i + 1);
  return expectFunction(args[i], i);
}

export function optionalFunction(args: unknown[], i: number): unknown {
  return optional(args[i], i, expectFunction);
}

export function optionalObject(args: unknown[], i: number): object | null {
  return optional(args[i], i, expectObject);
}

export function optionalInstance<T>(args: unknown[], i: number, cls: HostClass, name: string): T | null {
  return optional(args[i], i, (v) => expectInstance<T>(v, i, cls, name));
}

// ---- bytes and encodings -----------------------------------------------------------------------

const encodings: readonly string[] = ['utf8', 'hex', 'base64', 'base64url'];

/** An optional encoding name; missing gives `fallback` (utf8 unless the caller wants null). */
export function encodingArg(v: unknown, i: number): DataEncoding;
export function encodingArg(v: unknown, i: number, fallback: DataEncoding | null): DataEncoding | null;
export function encodingArg(v: unknown, i: number, fallback: DataEncoding | null = 'utf8'): DataEncoding | null {
  if (isMissing(v)) return fallback;
  if (!encodings.includes(expectString(v, i))) throw typeError('unknown encoding');
  return v as DataEncoding;
}

/** A string (decoded with `encoding`) or a Data, as bytes. */
export function bytesArg(v: unknown, i: number, encoding: DataEncoding = 'utf8'): Buffer {
  if (typeof v === 'string') return Buffer.from(v, encoding);
  if (v instanceof Data) return v.toBuffer();
  throw argumentError(i, 'a string or an instance of pipy::Data');
}

/** `(stringOrData, encoding?)` at i and i+1, as bytes: the input form of the crypto update methods. */
export function encodedBytesArgs(args: unknown[], i: number): Buffer {
  requireArgs(args, i + 1);
  return bytesArg(args[i], i, encodingArg(args[i + 1], i + 1));
}

/** Reads `options.name` from an optional options object. */
export function option(options: unknown, name: string, rt: Runtime): unknown {
  return isMissing(options) ? undefined : getProperty(options, name, rt);
}
