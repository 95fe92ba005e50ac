// algo.hash(value): a stable 53-bit hash (spec §3.12).
//
// Pipy uses the C++ standard library's hash, whose values are specific to libstdc++; nothing may
// depend on them beyond "equal values hash equal, within one run". We use a hash of our own that is
// also stable across runs and platforms, so HashingLoadBalancer maps a key to the same target
// after a restart. Strings hash by content, numbers by their IEEE bits, objects by identity.

import { HostFunction } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { requireArgs } from '../arguments.js';

const mask21 = 0x1fffff;
const scratch = new DataView(new ArrayBuffer(8));
/** Objects get a serial number on first sight; the WeakMap lets them be collected. */
const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/** Two 32-bit lanes with different multipliers, folded into 21 + 32 bits. */
function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35) ^ h2;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x27d4eb2f);
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x165667b1) ^ h1;
  return (h2 & mask21) * 0x100000000 + (h1 >>> 0);
}

export function hashString(s: string): number {
  let h1 = 0x811c9dc5 ^ s.length, h2 = 0x3c6ef372;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) + (h2 >>> 19);
  }
  return finish(h1, h2);
}

export function hashNumber(n: number): number {
  scratch.setFloat64(0, n);
  const lo = scratch.getUint32(4), hi = scratch.getUint32(0);
  return finish(Math.imul(lo, 0x9e3779b1) ^ hi, Math.imul(hi, 0x7feb352d) ^ lo);
}

/** Hashes any guest value; `undefined` and `null` hash to fixed values. */
export function hashValue(v: unknown): number {
  switch (typeof v) {
    case 'string': return hashString(v);
    case 'number': return hashNumber(v);
    case 'boolean': return hashNumber(v ? 1 : 0);
    case 'undefined': return 0;
  }
  if (v === null) return 0;
  return hashNumber(identityOf(v as object));
}

function identityOf(o: object): number {
  let id = identities.get(o);
  if (id === undefined) identities.set(o, (id = nextIdentity++));
  return id;
}

/** `algo.hash(value)`. */
export const hash = new HostFunction('hash', (args: unknown[], rt: Runtime) => {
  requireArgs(args, 1);
  const v = args[0];
  if (typeof v === 'string') rt.charge(v.length >>> 4);
  return hashValue(v);
}, 1);
