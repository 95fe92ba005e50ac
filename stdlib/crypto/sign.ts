// crypto.Sign: `new crypto.Sign(digest)`, `update(...)`, then `sign(privateKey, encoding?)` gives
// the signature as a Data or an encoded string (spec §3.15). EC signatures are DER, as OpenSSL's.
// `options.id` (the SM2 signer ID) is not supported by Node and is ignored.

import { createSign } from 'node:crypto';
import type { Sign as NodeSign } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { encodedBytesArgs, encodingArg, expectInstance, requireArgs, requiredString } from '../arguments.js';
import { finishedError, guarded, output } from './boundary.js';
import type { DataEncoding } from '../data.js';
import { PrivateKey, PrivateKeyClass } from './private-key.js';

export class Sign extends HostObject {
  private finished = false;

  constructor(private readonly signer: NodeSign) {
    super();
  }

  update(bytes: Buffer): void {
    if (this.finished) throw finishedError('Sign');
    this.signer.update(bytes);
  }

  sign(key: PrivateKey, encoding: DataEncoding | null, rt: Runtime): unknown {
    if (this.finished) throw finishedError('Sign');
    this.finished = true;
    return output(guarded(() => this.signer.sign(key.keyObject)), encoding, rt);
  }
}

export const SignClass = new HostClass({
  name: 'Sign',
  tag: '[object pipy::crypto::Sign]',
  construct(args, rt) {
    const algorithm = requiredString(args, 0);
    rt.alloc(cost.object);
    return new Sign(guarded(() => createSign(algorithm), `Unknown algorithm: ${algorithm}`));
  },
  methods: {
    update(self: Sign, args) {
      self.update(encodedBytesArgs(args, 0));
    },
    sign(self: Sign, args, rt) {
      requireArgs(args, 1);
      const key = expectInstance<PrivateKey>(args[0], 0, PrivateKeyClass, 'pipy::crypto::PrivateKey');
      return self.sign(key, encodingArg(args[1], 1, null), rt);
    },
  },
});
bindHostClass(Sign, SignClass);
