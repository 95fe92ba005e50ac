// crypto.Cipher: symmetric encryption by OpenSSL cipher name (`aes-128-cbc`...), with PKCS#7
// padding; `update(stringOrData)` and `final()` give Data (spec §3.15).

import { createCipheriv } from 'node:crypto';
import type { Cipher as NodeCipher } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { bytesArg, requireArgs } from '../arguments.js';
import { finishedError, guarded, output } from './boundary.js';
import { cipherSetup } from './cipher-options.js';

/** Also the shape of Decipher: Node's two classes share update/final. */
export class Cipher extends HostObject {
  private finished = false;

  constructor(private readonly cipher: Pick<NodeCipher, 'update' | 'final'>) {
    super();
  }

  update(bytes: Buffer, rt: Runtime): unknown {
    if (this.finished) throw finishedError(this.hostClass.name);
    return output(guarded(() => this.cipher.update(bytes)), null, rt);
  }

  final(rt: Runtime): unknown {
    if (this.finished) throw finishedError(this.hostClass.name);
    this.finished = true;
    return output(guarded(() => this.cipher.final()), null, rt);
  }
}

export const cipherMethods = {
  update(self: Cipher, args: unknown[], rt: Runtime) {
    requireArgs(args, 1);
    return self.update(bytesArg(args[0], 0), rt);
  },
  final: (self: Cipher, _args: unknown[], rt: Runtime) => self.final(rt),
};

export const CipherClass = new HostClass({
  name: 'Cipher',
  tag: '[object pipy::crypto::Cipher]',
  construct(args, rt) {
    const { algorithm, key, iv } = cipherSetup(args, rt);
    rt.alloc(cost.object);
    return new Cipher(guarded(() => createCipheriv(algorithm, key, iv)));
  },
  methods: cipherMethods,
});
bindHostClass(Cipher, CipherClass);
