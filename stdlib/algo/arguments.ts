// Argument checks shared by the algo classes, with the messages of Pipy's native argument
// conventions (spec §3.2): `requires N or more arguments`, `argument #i expects <type>`.
// An optional argument that is undefined or null counts as missing.

import { typeError, isCallable, isGuestObject, HostObject, Namespace } from '../../interpreter/index.js';
import type { HostClass } from '../../interpreter/index.js';

export function requireArgs(args: unknown[], n: number): void {
  if (args.length < n) throw typeError(`requires ${n} or more arguments`);
}

export function isMissing(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

/** An optional callback: a guest function, or null when missing. */
export function optionalFunction(args: unknown[], i: number): unknown {
  const v = args[i];
  if (isMissing(v)) return null;
  if (!isCallable(v)) throw typeError(`argument #${i + 1} expects a function`);
  return v;
}

export function requiredFunction(args: unknown[], i: number): unknown {
  requireArgs(args, i + 1);
  const v = args[i];
  if (!isCallable(v)) throw typeError(`argument #${i + 1} expects a function`);
  return v;
}

export function requiredString(args: unknown[], i: number): string {
  requireArgs(args, i + 1);
  const v = args[i];
  if (typeof v !== 'string') throw typeError(`argument #${i + 1} expects a string`);
  return v;
}

/** Any object a script can hold (plain objects, arrays, natives), or null when missing. */
export function optionalObject(args: unknown[], i: number): object | null {
  const v = args[i];
  if (isMissing(v)) return null;
  if (!isObjectLike(v)) throw typeError(`argument #${i + 1} expects an object`);
  return v as object;
}

export function isObjectLike(v: unknown): boolean {
  return Array.isArray(v) || isGuestObject(v) || v instanceof HostObject || v instanceof Namespace;
}

/** An optional instance of a native class; `name` is the C++ name the message shows. */
export function optionalInstance<T>(args: unknown[], i: number, cls: HostClass, name: string): T | null {
  const v = args[i];
  if (isMissing(v)) return null;
  if (!cls.hasInstance(v)) throw typeError(`argument #${i + 1} expects an instance of ${name}`);
  return v as T;
}
