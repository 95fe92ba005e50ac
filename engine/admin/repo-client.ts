// Requests from this process to a repo: the remote-codebase worker's polls (spec §6.7) and the admin
// proxy's forwarding (§7.2 item 3). Built on node:http/node:https rather than the global fetch because
// `--tls-cert`, `--tls-key` and `--tls-trusted` (§7.1) must reach the TLS handshake, and fetch has no
// way to pass a client certificate or a private set of trusted CAs.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ClientRequest, IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { ClientTLS } from './tls.js';

export interface RepoRequest {
  url: string | URL;
  method?: string;
  headers?: OutgoingHttpHeaders;
  /** Used only for https URLs. */
  tls?: ClientTLS;
}

/** Starts a request; the caller writes or pipes the body, ends it, and listens for 'response' and 'error'. */
export function openRequest(r: RepoRequest): ClientRequest {
  const url = new URL(r.url);
  const secure = url.protocol === 'https:';
  const options = {
    // URL keeps an IPv6 literal in brackets; node:net wants the bare address.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || (secure ? 443 : 80),
    path: url.pathname + url.search,
    method: r.method ?? 'GET',
    headers: r.headers,
    // One connection per request: polls are seconds apart, and no idle pooled socket can then be
    // reused just as the repo closes it.
    agent: false as const,
  };
  return secure ? httpsRequest({ ...options, ...r.tls }) : httpRequest(options);
}

export interface RepoReply {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Why no answer came (the status is then 502 or 0). */
  error?: Error & { code?: string };
}

/** A repo that does not answer within this is treated like one that answered nothing. */
const timeoutMs = 30_000;

/** One whole exchange. Never rejects: a network failure becomes the reply Pipy logs for it. */
export function fetchRepo(r: RepoRequest & { body?: string | Buffer }): Promise<RepoReply> {
  return new Promise((resolve) => {
    const req = openRequest(r);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (e) => resolve(failure(e)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => resolve(failure(e)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.end(r.body);
  });
}

/** An error's message, cut to OpenSSL's reason where it packs its whole error queue entry into it. */
export function reasonOf(e: Error): string {
  return /SSL routines:[^:]*:([^:]+):/.exec(e.message)?.[1] ?? e.message;
}

export const isRefused = (e: { code?: string } | undefined) => e?.code === 'ECONNREFUSED';

/** Pipy's wording (§6.7): `502 Connection Refused` when nothing listens, `0 Empty` for any other failure. */
function failure(error: Error & { code?: string }): RepoReply {
  const refused = isRefused(error);
  return { status: refused ? 502 : 0, statusText: refused ? 'Connection Refused' : 'Empty', headers: {}, body: Buffer.alloc(0), error };
}
