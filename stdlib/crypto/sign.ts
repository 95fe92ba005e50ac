// crypto.Sign: `new crypto.Sign(digest)`, `update(...)`, then `sign(privateKey, encoding?)` gives
// the signature as a Data or an encoded string (spec §3.15). EC signatures are DER, as OpenSSL's.
// `options.id` (the SM2 signer ID) is not supported by Node and is ignored.

import { createSign } from 'node:crypto';
import type { Sign as NodeSign } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, typeError, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { bytesArg, encodingArg, finishedError, guarded, output, requireArgs, stringArg } from './arguments.js';
import type { Encoding } from './arguments.js';
import { PrivateKey } from './private-key.js';

export class Sign extends HostObject {
  private finished = false;

  constructor(private readonly signer: NodeSign) {
    super();
  }

  update(bytes: Buffer): void {
    if (this.finished) throw finishedError('Sign');
    this.signer.update(bytes);
  }

  sign(key: PrivateKey, encoding: Encoding | null, rt: Runtime): unknown {
    if (this.finished) throw finishedError('Sign');
    this.finished = true;
    return output(guarded(() => this.signer.sign(key.keyObject)), encoding, rt);
  }
}

export const SignClass = new HostClass({
  name: 'Sign',
  tag: '[object pipy::crypto::Sign]',
  construct(args, rt) {
    const algorithm = stringArg(args, 0);
    rt.alloc(cost.object);
    return new Sign(guarded(() => createSign(algorithm), `Unknown algorithm: ${algorithm}`));
  },
  methods: {
    update(self: Sign, args) {
      requireArgs(args, 1);
      self.update(bytesArg(args[0], 0, encodingArg(args[1], 1)!));
    },
    sign(self: Sign, args, rt) {
      requireArgs(args, 1);
      if (!(args[0] instanceof PrivateKey)) throw typeError('argument #1 expects an instance of pipy::crypto::PrivateKey');
      return self.sign(args[0], encodingArg(args[1], 1, null), rt);
    },
  },
});
bindHostClass(Sign, SignClass);
