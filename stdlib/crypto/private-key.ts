// crypto.PrivateKey: an opaque private key parsed from PEM text or a Data holding PEM (spec §3.15).
// A parse failure raises OpenSSL's error text. The engine reads `keyObject` (TLS servers, signing).

import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import { bytesArg, requireArgs } from '../arguments.js';
import { guarded } from './boundary.js';

export class PrivateKey extends HostObject {
  constructor(readonly keyObject: KeyObject) {
    super();
  }

  /** PKCS#8 PEM, for host APIs that want text (node:tls). */
  toPEM(): string {
    return this.keyObject.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
}

export const PrivateKeyClass = new HostClass({
  name: 'PrivateKey',
  tag: '[object pipy::crypto::PrivateKey]',
  construct(args, rt) {
    requireArgs(args, 1);
    const pem = bytesArg(args[0], 0);
    rt.alloc(cost.object + pem.length);
    return new PrivateKey(guarded(() => createPrivateKey(pem)));
  },
});
bindHostClass(PrivateKey, PrivateKeyClass);
