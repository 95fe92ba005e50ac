// Turning PipyJS crypto objects into what node:tls wants (spec §4.1, pipyjs-language §3.15).
// Scripts hand acceptTLS/connectTLS `crypto.Certificate`, `crypto.CertificateChain` and
// `crypto.PrivateKey` objects (or PEM text/Data, which we accept too). stdlib does not export those
// classes to the engine, so they are recognised by the node:crypto objects they wrap.

import { X509Certificate, KeyObject } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { SecureContext } from 'node:tls';
import { Data } from '../../events.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

export function isCertificate(v: unknown): boolean {
  return isObj(v) && v.x509 instanceof X509Certificate;
}

function isChain(v: unknown): v is { certificates: X509Certificate[] } {
  return isObj(v) && Array.isArray(v.certificates) && v.certificates.every((c) => c instanceof X509Certificate);
}

function isPrivateKey(v: unknown): v is { keyObject: KeyObject } {
  return isObj(v) && v.keyObject instanceof KeyObject && v.keyObject.type === 'private';
}

function pemText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v instanceof Data) return v.toBuffer().toString('latin1');
  return null;
}

/** PEM of a Certificate, a CertificateChain or PEM text; null when it is none of those. */
export function certificatePEM(v: unknown): string | null {
  if (isCertificate(v)) return (v as { x509: X509Certificate }).x509.toString();
  if (isChain(v)) return v.certificates.map((c) => c.toString()).join('');
  return pemText(v);
}

export function privateKeyPEM(v: unknown): string | null {
  if (isPrivateKey(v)) return v.keyObject.export({ type: 'pkcs8', format: 'pem' }).toString();
  return pemText(v);
}

/** A `{cert, key}` object as a secure context, or the `[tls] …` message saying what is wrong. */
export function contextOf(pair: unknown, trusted: string[] | null): SecureContext | string {
  if (!isObj(pair)) return '[tls] certificate callback did not return an object';
  const key = privateKeyPEM(pair.key);
  if (key === null) return '[tls] certificate.key requires a PrivateKey object';
  if (isChain(pair.cert) && !pair.cert.certificates.length) return '[tls] empty certificate chain';
  const cert = certificatePEM(pair.cert);
  if (cert === null) return '[tls] certificate.cert requires a Certificate or a CertificateChain object';
  try {
    return createSecureContext({ cert, key, ca: trusted ?? undefined });
  } catch (e) {
    return `[tls] ${(e as Error).message}`;
  }
}
