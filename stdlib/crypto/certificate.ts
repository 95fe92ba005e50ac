// crypto.Certificate: an opaque X.509 certificate parsed from PEM (spec §3.15). Scripts only pass
// it on (to TLS options); the engine reads `x509` and `pem`.

import { X509Certificate } from 'node:crypto';
import { HostClass, HostObject, bindHostClass, cost } from '../../interpreter/index.js';
import { bytesArg, requireArgs } from '../arguments.js';
import { guarded } from './boundary.js';

export class Certificate extends HostObject {
  constructor(readonly x509: X509Certificate) {
    super();
  }

  get pem(): string {
    return this.x509.toString();
  }
}

export const CertificateClass = new HostClass({
  name: 'Certificate',
  tag: '[object pipy::crypto::Certificate]',
  construct(args, rt) {
    requireArgs(args, 1);
    const pem = bytesArg(args[0], 0);
    rt.alloc(cost.object + pem.length);
    return new Certificate(guarded(() => new X509Certificate(pem)));
  },
});
bindHostClass(Certificate, CertificateClass);
