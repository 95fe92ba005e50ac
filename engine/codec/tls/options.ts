// Option checks shared by acceptTLS and connectTLS, with Pipy's messages (spec §4.1). They run when
// the script builds its configuration, so a bad option fails the module load.

import { isCallable } from '../../../interpreter/index.js';
import { fail } from '../../args.js';
import { certificatePEM, isCertificate } from './credentials.js';

export function certificateOption(o: Record<string, unknown>): unknown {
  const c = o.certificate;
  if (c === undefined || c === null) return undefined;
  if (typeof c !== 'object' && !isCallable(c)) fail('options.certificate expects an object or a function');
  return c;
}

/** PEM texts of the trusted certificates; null when the option is absent. */
export function trustedOption(o: Record<string, unknown>): string[] | null {
  const t = o.trusted;
  if (t === undefined || t === null) return null;
  if (!Array.isArray(t)) fail('options.trusted expects an array');
  return t.map((c, i) => {
    if (!isCertificate(c)) fail(`options.trusted[${i}] expects a Certificate`);
    return certificatePEM(c)!;
  });
}

/** acceptTLS: an array of protocol names or a function choosing an index. */
export function serverAlpnOption(o: Record<string, unknown>): string[] | unknown {
  const a = o.alpn;
  if (a === undefined || a === null) return undefined;
  if (isCallable(a)) return a;
  if (!Array.isArray(a)) fail('options.alpn expects an array or a function');
  a.forEach((s, i) => typeof s !== 'string' && fail(`options.alpn[${i}] expects a string`));
  return a;
}

/** connectTLS: one protocol name or an array of them. */
export function clientAlpnOption(o: Record<string, unknown>): string[] | undefined {
  const a = o.alpn;
  if (a === undefined || a === null) return undefined;
  if (typeof a === 'string') return [a];
  if (!Array.isArray(a)) fail('options.alpn expects a string or an array');
  a.forEach((s, i) => typeof s !== 'string' && fail(`options.alpn[${i}] expects a string`));
  return a as string[];
}

export function sniOption(o: Record<string, unknown>): unknown {
  const s = o.sni;
  if (s === undefined || s === null) return undefined;
  if (typeof s !== 'string' && !isCallable(s)) fail('options.sni expects a string or a function');
  return s;
}
