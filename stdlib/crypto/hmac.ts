// crypto.Hmac: a keyed digest, `new crypto.Hmac(algorithm, keyStringOrData)` (spec §3.15).
// Same update/digest as Hash.

import { createHmac } from 'node:crypto';
import { HostClass, bindHostClass, cost } from '../../interpreter/index.js';
import { bytesArg, requireArgs, requiredString } from '../arguments.js';
import { guarded } from './boundary.js';
import { Hash, digestMethods } from './hash.js';

export class Hmac extends Hash {}

export const HmacClass = new HostClass({
  name: 'Hmac',
  tag: '[object pipy::crypto::Hmac]',
  construct(args, rt) {
    const algorithm = requiredString(args, 0);
    requireArgs(args, 2);
    const key = bytesArg(args[1], 1);
    rt.alloc(cost.object);
    return new Hmac(guarded(() => createHmac(algorithm, key), `Unknown algorithm: ${algorithm}`));
  },
  methods: digestMethods,
});
bindHostClass(Hmac, HmacClass);
