// Admin proxy mode (spec §7.2 item 3): `pipy host:port` serves the web console from this process and
// forwards what the console asks of a repo — the API under `/api/` and the published tree under
// `/repo` — to the repo at host:port. So a repo on another host, perhaps behind TLS that wants a client
// certificate (`--tls-*`), can be edited from a browser on this one. Requests and answers stream through
// unchanged except for hop-by-hop headers; nothing is buffered or interpreted here.

import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { serveGui, defaultGuiDir } from './gui-static.js';
import { openRequest, reasonOf } from './repo-client.js';
import { send, sendText, listenLogged } from './http-util.js';
import { tlsServerOptions } from './tls.js';
import type { AdminTLS, ClientTLS } from './tls.js';

export interface AdminProxyOptions {
  /** The repo, as `http://host:port` or `https://host:port`. */
  repo: string;
  port: number;
  address?: string;
  /** This console's own HTTPS (`--admin-tls-*`). */
  tls?: AdminTLS;
  /** Towards an https repo (`--tls-*`). */
  clientTLS?: ClientTLS;
  guiDir?: string;
}

export class AdminProxy {
  private readonly server: Server | HttpsServer;
  private readonly origin: string;

  constructor(private readonly options: AdminProxyOptions) {
    this.origin = new URL(options.repo).origin;
    const handler = (req: IncomingMessage, res: ServerResponse) => this.handle(req, res);
    this.server = options.tls ? createHttpsServer(tlsServerOptions(options.tls), handler) : createServer(handler);
  }

  /** Listens; resolves with the bound port (tests pass 0). */
  listen(): Promise<number> {
    return listenLogged(this.server, this.options.port, this.options.address ?? '127.0.0.1');
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    // Matched on the raw request target, which then goes after the repo's origin unchanged: a target
    // like `//elsewhere/api/` can neither match nor redirect the request to another host.
    const target = req.url ?? '/';
    if (forwarded(target) && !wantsPage(req)) return this.forward(req, target, res);
    void this.page(req, res, target);
  }

  /** The console's files; a browser opening `/repo/…` gets the console page, as from the repo itself. */
  private async page(req: IncomingMessage, res: ServerResponse, target: string): Promise<void> {
    if (req.method !== 'GET') return send(res, 405);
    let path: string;
    try {
      path = decodeURIComponent(new URL(target, 'http://x').pathname);
    } catch {
      return sendText(res, 400, 'Bad request path');
    }
    const served = await serveGui(req, res, this.options.guiDir ?? defaultGuiDir(), path).catch(() => false);
    if (!served && !res.headersSent) send(res, 404);
  }

  private forward(req: IncomingMessage, target: string, res: ServerResponse): void {
    const upstream = openRequest({ url: this.origin + target, method: req.method, headers: requestHeaders(req), tls: this.options.clientTLS });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
      answer.pipe(res);
      // A repo that drops the connection mid-body: the client must see a cut, not a short success.
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', (e) => unreachable(res, e));
    // The browser gave up (or the exchange is over): nothing more to relay.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }
}

const forwarded = (target: string) => target.startsWith('/api/') || /^\/repo(?:[/?]|$)/.test(target);

/** A browser navigating (GET with `accept: text/html`) to a `/repo` page, not a worker downloading. */
function wantsPage(req: IncomingMessage): boolean {
  return req.method === 'GET' && !req.url!.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
}

function unreachable(res: ServerResponse, e: Error): void {
  if (res.headersSent || res.destroyed) return void res.destroy();
  sendText(res, 502, `Repo unreachable: ${reasonOf(e)}`);
}

/** Headers that describe one connection (RFC 9110 §7.6.1), never relayed across a proxy. */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set(String(headers.connection ?? '').split(',').map((h) => h.trim().toLowerCase()));
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name) && !named.has(name)) out[name] = value;
  }
  return out;
}

/** The client's headers for the repo: its own `host` (node:http sets it), and chunked framing kept for a body of unknown length. */
function requestHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  const headers = endToEnd(req.headers);
  delete headers.host;
  if (req.headers['transfer-encoding'] !== undefined && req.headers['content-length'] === undefined) headers['transfer-encoding'] = 'chunked';
  return headers;
}
