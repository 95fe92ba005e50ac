// Where node:crypto meets the guest: its byte results become Data or encoded strings, and the one
// place where a Node crypto exception becomes a guest Error (its OpenSSL text kept), so no host
// exception reaches a script.

import type { Buffer } from 'node:buffer';
import { guestError, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { Data } from '../data.js';
import type { DataEncoding } from '../data.js';

/** Bytes out: a Data, or a string when an encoding was asked for (`utf8` gives the raw text). */
export function output(buf: Buffer, encoding: DataEncoding | null, rt: Runtime): unknown {
  rt.alloc(cost.object + buf.length * 2);
  return encoding ? buf.toString(encoding) : Data.fromBuffer(buf);
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
