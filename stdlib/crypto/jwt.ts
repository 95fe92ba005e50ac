// crypto.JWT: a JSON Web Token split into header and payload, with signature verification for
// HS256/384/512 (shared secret), RS256/384/512 (RSA PKCS#1 v1.5) and ES256/384/512 (ECDSA, JOSE
// r||s signatures), spec §3.15.
//
// `verify` checks the signature only (not `exp` or `nbf`), as Pipy does. The key's type must match
// the token's algorithm family (and for ES*, the curve), so a token cannot pick a weaker check
// for a key than the one it was issued for.

import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, toGuest, isGuestObject, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { Data } from '../data.js';
import { requireArgs, requiredString } from '../arguments.js';
import { verificationKey } from './keys.js';

const digests: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };
const curves: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };
const base64url = /^[A-Za-z0-9_-]*$/;

/** What verification needs from a well-formed token. */
interface Parsed {
  alg: string;
  signed: string;
  signature: Buffer;
}

export class JWT extends HostObject {
  constructor(
    readonly header: unknown,
    readonly payload: unknown,
    private readonly parsed: Parsed | null,
  ) {
    super();
  }

  get isValid(): boolean {
    return this.parsed !== null;
  }

  verify(key: unknown): boolean {
    const p = this.parsed;
    if (!p) return false;
    const digest = digests[p.alg.slice(2)];
    if (p.alg.startsWith('HS')) return verifyHMAC(p, digest, key);
    const k = verificationKey(key);
    if (!k || !keyFits(k, p.alg)) return false;
    const dsaEncoding = p.alg.startsWith('ES') ? 'ieee-p1363' : undefined;
    try {
      return verifySignature(digest, Buffer.from(p.signed), { key: k, dsaEncoding }, p.signature);
    } catch {
      return false;
    }
  }
}

function keyFits(key: KeyObject, alg: string): boolean {
  if (alg.startsWith('RS')) return key.asymmetricKeyType === 'rsa';
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === curves[alg];
}

function verifyHMAC(p: Parsed, digest: string, key: unknown): boolean {
  let secret: Buffer;
  if (typeof key === 'string') secret = Buffer.from(key, 'utf8');
  else if (key instanceof Data) secret = key.toBuffer();
  else return false;
  const mac = createHmac(digest, secret).update(p.signed).digest();
  return mac.length === p.signature.length && timingSafeEqual(mac, p.signature);
}

/** A JSON object (not an array, not null) from base64url text, or undefined. */
function decodePart(text: string, rt: Runtime): unknown {
  if (!base64url.test(text)) return undefined;
  rt.alloc(text.length * 4);
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const g = toGuest(v);
    return isGuestObject(g) ? g : undefined;
  } catch {
    return undefined;
  }
}

function parseToken(token: string, rt: Runtime): JWT {
  const parts = token.split('.');
  if (parts.length !== 3) return new JWT(null, null, null);
  const header = decodePart(parts[0], rt) ?? null;
  const payload = decodePart(parts[1], rt) ?? null;
  const alg = isGuestObject(header) ? header.alg : undefined;
  const ok = header && payload && typeof alg === 'string' && /^(HS|RS|ES)(256|384|512)$/.test(alg) && base64url.test(parts[2]);
  if (!ok) return new JWT(header, payload, null);
  const signature = Buffer.from(parts[2], 'base64url');
  return new JWT(header, payload, { alg: alg as string, signed: parts[0] + '.' + parts[1], signature });
}

export const JWTClass = new HostClass({
  name: 'JWT',
  tag: '[object pipy::crypto::JWT]',
  construct(args, rt) {
    const token = requiredString(args, 0);
    rt.alloc(cost.object + token.length * cost.stringChar);
    return parseToken(token, rt);
  },
  getters: {
    isValid: (self: JWT) => self.isValid,
    header: (self: JWT) => self.header,
    payload: (self: JWT) => self.payload,
  },
  methods: {
    verify(self: JWT, args) {
      requireArgs(args, 1);
      return self.verify(args[0]);
    },
  },
});
bindHostClass(JWT, JWTClass);
