// crypto.Hmac: a keyed digest, `new crypto.Hmac(algorithm, keyStringOrData)` (spec §3.15).
// Same update/digest as Hash.

import { createHmac } from 'node:crypto';
import type { Hmac as NodeHmac } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { bytesArg, encodingArg, finishedError, guarded, output, requireArgs, stringArg } from './arguments.js';
import type { Encoding } from './arguments.js';

export class Hmac extends HostObject {
  private finished = false;

  constructor(private readonly hmac: NodeHmac) {
    super();
  }

  update(bytes: Buffer): void {
    if (this.finished) throw finishedError('Hmac');
    this.hmac.update(bytes);
  }

  digest(encoding: Encoding | null, rt: Runtime): unknown {
    if (this.finished) throw finishedError('Hmac');
    this.finished = true;
    return output(this.hmac.digest(), encoding, rt);
  }
}

export const HmacClass = new HostClass({
  name: 'Hmac',
  tag: '[object pipy::crypto::Hmac]',
  construct(args, rt) {
    const algorithm = stringArg(args, 0);
    requireArgs(args, 2);
    const key = bytesArg(args[1], 1);
    rt.alloc(cost.object);
    return new Hmac(guarded(() => createHmac(algorithm, key), `Unknown algorithm: ${algorithm}`));
  },
  methods: {
    update(self: Hmac, args) {
      requireArgs(args, 1);
      self.update(bytesArg(args[0], 0, encodingArg(args[1], 1)!));
    },
    digest: (self: Hmac, args, rt) => self.digest(encodingArg(args[0], 0, null), rt),
  },
});
bindHostClass(Hmac, HmacClass);
