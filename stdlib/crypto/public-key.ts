// crypto.PublicKey: an opaque public key parsed from PEM text or a Data holding PEM (spec §3.15).
// A parse failure raises OpenSSL's error text. The engine reads `keyObject` for TLS and JWT.

import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import { bytesArg, requireArgs } from '../arguments.js';
import { guarded } from './boundary.js';

export class PublicKey extends HostObject {
  constructor(readonly keyObject: KeyObject) {
    super();
  }
}

/** `options.aliasType: 'sm2'` is accepted and ignored: OpenSSL 3 recognises SM2 keys by their OID. */
export const PublicKeyClass = new HostClass({
  name: 'PublicKey',
  tag: '[object pipy::crypto::PublicKey]',
  construct(args, rt) {
    requireArgs(args, 1);
    const pem = bytesArg(args[0], 0);
    rt.alloc(cost.object + pem.length);
    return new PublicKey(guarded(() => createPublicKey(pem)));
  },
});
bindHostClass(PublicKey, PublicKeyClass);
