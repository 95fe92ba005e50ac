// TLS for the admin service (spec §7.1 `--admin-tls-cert`, `--admin-tls-key`, `--admin-tls-trusted`).
// The certificate and key go together; trusted client certificates only make sense on top of them and
// then every client must present one (the console can run scripts, so an untrusted client gets nothing).
// Also the client side (`--tls-cert`, `--tls-key`, `--tls-trusted`): what this process presents to, and
// trusts of, an https repo it pulls a codebase from or proxies to.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface AdminTLS {
  cert: Buffer;
  key: Buffer;
  /** CA or client certificates a client must chain to; absent = no client certificate asked for. */
  trusted?: Buffer[];
}

export interface AdminTLSOptions {
  adminTlsCert?: string;
  adminTlsKey?: string;
  adminTlsTrusted?: string;
}

export interface ClientTLSOptions {
  tlsCert?: string;
  tlsKey?: string;
  tlsTrusted?: string;
}

/** node:tls client options: a client certificate, and the certificates that replace the system CAs. */
export interface ClientTLS {
  cert?: Buffer;
  key?: Buffer;
  ca?: Buffer[];
}

/** A command-line mistake; the message is what `pipy` prints before exiting with 255. */
export class AdminTLSError extends Error {}

/** The admin TLS settings named on the command line, or undefined for plain HTTP. */
export function adminTLSFrom(o: AdminTLSOptions): AdminTLS | undefined {
  const { adminTlsCert: cert, adminTlsKey: key, adminTlsTrusted: trusted } = o;
  if (!!cert !== !!key) throw new AdminTLSError('--admin-tls-cert and --admin-tls-key must be used in conjuction');
  if (trusted && !cert) throw new AdminTLSError('--admin-tls-cert and --admin-tls-key are required for --admin-tls-trusted');
  if (!cert || !key) return undefined;
  const tls: AdminTLS = { cert: readPem(cert), key: readPem(key) };
  if (trusted) tls.trusted = readTrusted(trusted);
  return tls;
}

/** The client TLS settings named on the command line, or undefined when none is given. */
export function clientTLSFrom(o: ClientTLSOptions): ClientTLS | undefined {
  const { tlsCert: cert, tlsKey: key, tlsTrusted: trusted } = o;
  if (!!cert !== !!key) throw new AdminTLSError('--tls-cert and --tls-key must be used in conjuction');
  if (!cert && !trusted) return undefined;
  const tls: ClientTLS = {};
  if (cert && key) Object.assign(tls, { cert: readPem(cert), key: readPem(key) });
  if (trusted) tls.ca = readTrusted(trusted);
  return tls;
}

function readPem(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new AdminTLSError(`cannot open file: ${file}`);
  }
}

/** A file of certificates, or every file of a directory (one or more certificates each). */
function readTrusted(path: string): Buffer[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new AdminTLSError(`file or directory does not exist: ${path}`);
  }
  if (!isDir) return [readPem(path)];
  return readdirSync(path).sort().map((f) => join(path, f)).filter((f) => statSync(f).isFile()).map(readPem);
}

/** node:tls server options for these settings. */
export function tlsServerOptions(tls: AdminTLS) {
  const mutual = tls.trusted !== undefined;
  return { cert: tls.cert, key: tls.key, ca: tls.trusted, requestCert: mutual, rejectUnauthorized: mutual };
}
