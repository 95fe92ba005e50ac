// crypto.Verify: `new crypto.Verify(digest)`, `update(...)`, then
// `verify(key, signature, encoding?)` → boolean (spec §3.15). The key may be a PublicKey or a
// PrivateKey (0.30 refused the latter, a bug), a JWK, or PEM text. A key that cannot verify this
// signature gives false rather than an error.

import { createVerify } from 'node:crypto';
import type { KeyObject, Verify as NodeVerify } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import { argumentError, encodedBytesArgs, requireArgs, requiredString } from '../arguments.js';
import { finishedError, guarded } from './boundary.js';
import { verificationKey } from './keys.js';

export class Verify extends HostObject {
  private finished = false;

  constructor(private readonly verifier: NodeVerify) {
    super();
  }

  update(bytes: Buffer): void {
    if (this.finished) throw finishedError('Verify');
    this.verifier.update(bytes);
  }

  verify(key: KeyObject, signature: Buffer): boolean {
    if (this.finished) throw finishedError('Verify');
    this.finished = true;
    try {
      return this.verifier.verify(key, signature);
    } catch {
      return false;
    }
  }
}

export const VerifyClass = new HostClass({
  name: 'Verify',
  tag: '[object pipy::crypto::Verify]',
  construct(args, rt) {
    const algorithm = requiredString(args, 0);
    rt.alloc(cost.object);
    return new Verify(guarded(() => createVerify(algorithm), `Unknown algorithm: ${algorithm}`));
  },
  methods: {
    update(self: Verify, args) {
      self.update(encodedBytesArgs(args, 0));
    },
    verify(self: Verify, args) {
      requireArgs(args, 2);
      const key = verificationKey(args[0]);
      if (!key) throw argumentError(0, 'an instance of pipy::crypto::PublicKey');
      return self.verify(key, encodedBytesArgs(args, 1));
    },
  },
});
bindHostClass(Verify, VerifyClass);
