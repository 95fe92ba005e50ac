// crypto.Hash: a message digest by OpenSSL name (`md5`, `sha1`, `sha256`, `sha512`, `sm3`...),
// spec §3.15. `digest()` gives a Data, `digest(encoding)` a string.

import { createHash } from 'node:crypto';
import type { Hash as NodeHash } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { bytesArg, encodingArg, finishedError, guarded, output, requireArgs, stringArg } from './arguments.js';
import type { Encoding } from './arguments.js';

export class Hash extends HostObject {
  private finished = false;

  constructor(private readonly hash: NodeHash) {
    super();
  }

  update(bytes: Buffer): void {
    if (this.finished) throw finishedError('Hash');
    this.hash.update(bytes);
  }

  digest(encoding: Encoding | null, rt: Runtime): unknown {
    if (this.finished) throw finishedError('Hash');
    this.finished = true;
    return output(this.hash.digest(), encoding, rt);
  }
}

export const HashClass = new HostClass({
  name: 'Hash',
  tag: '[object pipy::crypto::Hash]',
  construct(args, rt) {
    const algorithm = stringArg(args, 0);
    rt.alloc(cost.object);
    return new Hash(guarded(() => createHash(algorithm), `Unknown algorithm: ${algorithm}`));
  },
  methods: {
    update(self: Hash, args) {
      requireArgs(args, 1);
      self.update(bytesArg(args[0], 0, encodingArg(args[1], 1)!));
    },
    digest: (self: Hash, args, rt) => self.digest(encodingArg(args[0], 0, null), rt),
  },
});
bindHostClass(Hash, HashClass);
