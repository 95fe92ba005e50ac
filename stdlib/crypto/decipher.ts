// crypto.Decipher: the inverse of Cipher, same constructor and methods (spec §3.15). A wrong key
// or corrupted input usually surfaces at `final()` as OpenSSL's "bad decrypt".

import { createDecipheriv } from 'node:crypto';
import { HostClass, bindHostClass, cost } from '../../interpreter/index.js';
import { guarded } from './boundary.js';
import { cipherSetup } from './cipher-options.js';
import { Cipher, cipherMethods } from './cipher.js';

export class Decipher extends Cipher {}

export const DecipherClass = new HostClass({
  name: 'Decipher',
  tag: '[object pipy::crypto::Decipher]',
  construct(args, rt) {
    const { algorithm, key, iv } = cipherSetup(args, rt);
    rt.alloc(cost.object);
    return new Decipher(guarded(() => createDecipheriv(algorithm, key, iv)));
  },
  methods: cipherMethods,
});
bindHostClass(Decipher, DecipherClass);
