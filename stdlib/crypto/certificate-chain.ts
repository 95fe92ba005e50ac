// crypto.CertificateChain: several PEM certificates in one text, leaf first (spec §3.15).
// Every block must parse; text with no certificate at all is an error too.

import { X509Certificate } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, guestError, cost } from '../../interpreter/index.js';
import { bytesArg, requireArgs } from '../arguments.js';
import { guarded } from './boundary.js';

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

export class CertificateChain extends HostObject {
  constructor(readonly certificates: X509Certificate[]) {
    super();
  }

  get pem(): string {
    return this.certificates.map((c) => c.toString()).join('');
  }
}

export const CertificateChainClass = new HostClass({
  name: 'CertificateChain',
  tag: '[object pipy::crypto::CertificateChain]',
  construct(args, rt) {
    requireArgs(args, 1);
    const text = bytesArg(args[0], 0).toString('latin1');
    rt.alloc(cost.object + text.length);
    const blocks = text.match(pemBlock) ?? [];
    if (!blocks.length) throw guestError('Error', 'no certificate found');
    return new CertificateChain(blocks.map((b) => guarded(() => new X509Certificate(b))));
  },
});
bindHostClass(CertificateChain, CertificateChainClass);
