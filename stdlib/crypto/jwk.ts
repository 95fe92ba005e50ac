// crypto.JWK: a public key from a JSON Web Key object, RSA (`n`, `e`) or EC (`crv`, `x`, `y`),
// spec §3.15. Missing or unknown members raise Pipy's messages; members that are present but do
// not make a usable key leave `isValid` false instead.

import { createPublicKey } from 'node:crypto';
import type { KeyObject, JsonWebKey } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, guestError, getProperty, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { expectPlainObject, requireArgs } from '../arguments.js';

const curves = ['P-256', 'P-384', 'P-521'];

export class JWK extends HostObject {
  constructor(readonly keyObject: KeyObject | null) {
    super();
  }

  get isValid(): boolean {
    return this.keyObject !== null;
  }
}

function member(json: object, name: string, rt: Runtime): string {
  const v = getProperty(json, name, rt);
  if (typeof v !== 'string') throw guestError('Error', `missing "${name}"`);
  return v;
}

/** The members Node needs, checked in Pipy's order so the first problem is the one reported. */
function readJWK(json: object, rt: Runtime): JsonWebKey {
  const kty = member(json, 'kty', rt);
  if (kty === 'RSA') return { kty, n: member(json, 'n', rt), e: member(json, 'e', rt) };
  if (kty !== 'EC') throw guestError('Error', 'unknown "kty"');
  const crv = member(json, 'crv', rt);
  if (!curves.includes(crv)) throw guestError('Error', 'unknown "crv"');
  return { kty, crv, x: member(json, 'x', rt), y: member(json, 'y', rt) };
}

function keyOf(jwk: JsonWebKey): KeyObject | null {
  try {
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return null;
  }
}

export const JWKClass = new HostClass({
  name: 'JWK',
  tag: '[object pipy::crypto::JWK]',
  construct(args, rt) {
    requireArgs(args, 1);
    const json = expectPlainObject(args[0], 0);
    rt.alloc(cost.object);
    return new JWK(keyOf(readJWK(json, rt)));
  },
  getters: {
    isValid: (self: JWK) => self.isValid,
  },
});
bindHostClass(JWK, JWKClass);
