// pipy-ts/interpreter: the PipyJS language, sandboxed. No I/O, no knowledge of networks.
//
// Embedders use the four calls below; stdlib and engine build on the host API re-exported after them.

import { parse as parseScript } from './check.js';
import type { ParseLimits } from './check.js';
import { Realm } from './realm.js';
import type { Limits } from './limits.js';

export { check, defaultParseLimits } from './check.js';
export type { ParseLimits, ParseResult } from './check.js';
export { PipyJSError, InternalError } from './errors.js';
export type { Diagnostic, ErrorKind, LimitKind, BacktraceFrame, GuestErrorName, SourcePosition } from './errors.js';
export type { Limits } from './limits.js';
export { defaultLimits } from './limits.js';
export { Realm, Script } from './realm.js';
export type { RealmOptions, CompileOptions, RunOptions } from './realm.js';

export interface CompileApiOptions {
  filename?: string;
  /** Names of globals the script may use besides the core built-ins; values are given to `run`. */
  globals?: Record<string, unknown>;
  limits?: Partial<Limits>;
  parseLimits?: Partial<ParseLimits>;
}

/** Parses, checks and compiles once; throws PipyJSError (kind 'syntax') listing every diagnostic. */
export function compile(source: string, options: CompileApiOptions = {}) {
  const realm = new Realm({ globals: options.globals, limits: options.limits });
  return realm.compile(source, { filename: options.filename, parseLimits: options.parseLimits });
}

export interface EvaluateOptions extends CompileApiOptions {}

/**
 * Compiles and runs one expression in a fresh realm with the core built-ins plus `globals`.
 * Returns inert data: primitives, arrays, plain objects; a guest function comes back as a host
 * function that runs under the same limits.
 */
export function evaluate(source: string, options: EvaluateOptions = {}): unknown {
  return compile(source, options).run();
}

/** Parses only (for tools): the checked expression tree, or the diagnostics. */
export function parse(source: string, options: { filename?: string; limits?: Partial<ParseLimits> } = {}) {
  return parseScript(source, options);
}

// ---- host API for stdlib and engine ------------------------------------------------------------
export {
  GuestObject,
  Closure,
  HostFunction,
  HostClass,
  HostObject,
  Namespace,
  bindHostClass,
  isGuestObject,
  isCallable,
  typeOf,
} from './values.js';
export type { HostClassSpec, Method, NativeFn, FunctionInfo } from './values.js';
export { Runtime } from './runtime.js';
export { Context, ContextScope } from './context.js';
export type { Binding } from './context.js';
export { toGuest, toHost } from './boundary.js';
export { toBoolean, toNumber, toString, toPrimitive, toPropertyKey, looseEquals, isPrimitive } from './operations.js';
export { getProperty, setProperty, hasProperty, deleteProperty, ownKeys, getOwn } from './properties.js';
export { typeError, rangeError, referenceError, guestError, limitError, syntaxError } from './errors.js';
export { cost } from './limits.js';
