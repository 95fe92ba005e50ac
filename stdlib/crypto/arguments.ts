// Shared argument handling for the crypto classes: byte inputs (a string in some encoding, or a
// Data), encodings by Pipy's names, Data/string outputs, and the one place where a Node crypto
// exception becomes a guest Error (its OpenSSL text kept), so no host exception reaches a script.

import { Buffer } from 'node:buffer';
import { guestError, typeError, getProperty, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { Data } from '../data.js';

export type Encoding = 'utf8' | 'hex' | 'base64' | 'base64url';
const encodings: readonly string[] = ['utf8', 'hex', 'base64', 'base64url'];

export function requireArgs(args: unknown[], n: number): void {
  if (args.length < n) throw typeError(`requires ${n} or more arguments`);
}

export function isMissing(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

/** An optional encoding argument; `undefined`/`null` give `fallback`. */
export function encodingArg(v: unknown, index: number, fallback: Encoding | null = 'utf8'): Encoding | null {
  if (isMissing(v)) return fallback;
  if (typeof v !== 'string') throw typeError(`argument #${index + 1} expects a string`);
  if (!encodings.includes(v)) throw typeError('unknown encoding');
  return v as Encoding;
}

/** A string (decoded with `encoding`) or a Data, as bytes. */
export function bytesArg(v: unknown, index: number, encoding: Encoding = 'utf8'): Buffer {
  if (typeof v === 'string') return Buffer.from(v, encoding);
  if (v instanceof Data) return v.toBuffer();
  throw typeError(`argument #${index + 1} expects a string or an instance of pipy::Data`);
}

export function stringArg(args: unknown[], index: number): string {
  requireArgs(args, index + 1);
  const v = args[index];
  if (typeof v !== 'string') throw typeError(`argument #${index + 1} expects a string`);
  return v;
}

/** Bytes out: a Data, or a string when an encoding was asked for (`utf8` gives the raw text). */
export function output(buf: Buffer, encoding: Encoding | null, rt: Runtime): unknown {
  rt.alloc(cost.object + buf.length * 2);
  return encoding ? buf.toString(encoding) : Data.fromBuffer(buf);
}

/** Reads `options.name` from an optional options object. */
export function option(options: unknown, name: string, rt: Runtime): unknown {
  return isMissing(options) ? undefined : getProperty(options, name, rt);
}

/** Runs a Node crypto call; its exception becomes a guest Error carrying the same text. */
export function guarded<T>(f: () => T, message?: string): T {
  try {
    return f();
  } catch (e) {
    throw guestError('Error', message ?? (e instanceof Error ? e.message : String(e)));
  }
}

/** Called on a finished Hash/Hmac/Sign/Cipher: Node cannot continue one, neither can OpenSSL. */
export function finishedError(what: string): Error {
  return guestError('Error', `${what} already finalized`);
}
