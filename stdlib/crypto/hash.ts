// crypto.Hash: a message digest by OpenSSL name (`md5`, `sha1`, `sha256`, `sha512`, `sm3`...),
// spec §3.15. `digest()` gives a Data, `digest(encoding)` a string.

import { createHash } from 'node:crypto';
import type { Hash as NodeHash, Hmac as NodeHmac } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { encodedBytesArgs, encodingArg, requiredString } from '../arguments.js';
import { finishedError, guarded, output } from './boundary.js';
import type { DataEncoding } from '../data.js';

/** Also the shape of Hmac: Node's Hash and Hmac share update/digest. */
export class Hash extends HostObject {
  private finished = false;

  constructor(private readonly hash: NodeHash | NodeHmac) {
    super();
  }

  update(bytes: Buffer): void {
    if (this.finished) throw finishedError(this.hostClass.name);
    this.hash.update(bytes);
  }

  digest(encoding: DataEncoding | null, rt: Runtime): unknown {
    if (this.finished) throw finishedError(this.hostClass.name);
    this.finished = true;
    return output(this.hash.digest(), encoding, rt);
  }
}

export const digestMethods = {
  update: (self: Hash, args: unknown[]) => self.update(encodedBytesArgs(args, 0)),
  digest: (self: Hash, args: unknown[], rt: Runtime) => self.digest(encodingArg(args[0], 0, null), rt),
};

export const HashClass = new HostClass({
  name: 'Hash',
  tag: '[object pipy::crypto::Hash]',
  construct(args, rt) {
    const algorithm = requiredString(args, 0);
    rt.alloc(cost.object);
    return new Hash(guarded(() => createHash(algorithm), `Unknown algorithm: ${algorithm}`));
  },
  methods: digestMethods,
});
bindHostClass(Hash, HashClass);
