// Turning the many forms a script may give as a key into a Node KeyObject: the crypto classes and
// JWT accept a PublicKey, a PrivateKey (its public half is used to verify; 0.30 rejected this, a
// bug we fix), a JWK, or PEM text as a string or Data.

import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Data } from '../data.js';
import { PublicKey } from './public-key.js';
import { PrivateKey } from './private-key.js';
import { JWK } from './jwk.js';

/** The public key to verify with, or null when the value is not a usable key. */
export function verificationKey(v: unknown): KeyObject | null {
  if (v instanceof PublicKey) return v.keyObject;
  if (v instanceof PrivateKey) return createPublicKey(v.keyObject);
  if (v instanceof JWK) return v.keyObject;
  if (typeof v !== 'string' && !(v instanceof Data)) return null;
  try {
    // createPublicKey also takes a private-key PEM and derives its public half.
    return createPublicKey(typeof v === 'string' ? v : v.toBuffer());
  } catch {
    return null;
  }
}
