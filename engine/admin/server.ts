// The admin service (spec §9): one node:http server answering the REST API, the published codebase
// tree and the web console. With a repository store it is the full repo service; without one (a worker
// running a fixed file or a remote codebase with `--admin-port`) it serves only the routes that
// describe and control the running program.
//
// It binds to 127.0.0.1 unless told otherwise: whoever reaches this port can run scripts on the host.
// While it listens its port is reserved, so a script cannot take it over (§9.1).

import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { readdirSync, readFileSync, writeFileSync, rmSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, sep } from 'node:path';
import { check } from '../../interpreter/index.js';
import { filterTable } from '../configuration.js';
import * as log from '../log.js';
import { RepoStore } from './repo-store.js';
import { RepoRoutes } from './repo-routes.js';
import { Runner } from './runner.js';
import { LocalMetrics, withInstanceLabel } from './metrics.js';
import { captureLog, linesAfter, logSize } from './log-buffer.js';
import { sourceGraphJSON, GraphSyntaxError } from './graph-json.js';
import { serveGui, defaultGuiDir } from './gui-static.js';
import { tlsServerOptions } from './tls.js';
import type { AdminTLS } from './tls.js';
import { Listener } from '../net/listener.js';
import { readBody, send, sendText, sendJSON, parseJSON, isObject, BodyTooLarge, listenLogged } from './http-util.js';

export interface AdminOptions {
  port: number;
  address?: string;
  /** The repository; absent = the reduced service of a worker. */
  store?: RepoStore;
  runner: Runner;
  uuid: string;
  name?: string;
  /** The running codebase's version for status reports (remote workers: the etag). */
  version?: () => string;
  guiDir?: string;
  /** Serve HTTPS (optionally asking clients for a certificate) instead of HTTP. */
  tls?: AdminTLS;
}

export class AdminServer {
  private readonly server: Server | HttpsServer;
  private reservedPort = -1;
  private readonly repo: RepoRoutes | null;
  readonly metrics = new LocalMetrics(() => this.options.runner.layouts());
  private readonly guiDir: string;

  constructor(private readonly options: AdminOptions) {
    captureLog();
    this.repo = options.store ? new RepoRoutes(options.store) : null;
    this.guiDir = options.guiDir ?? defaultGuiDir();
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = options.tls ? createHttpsServer(tlsServerOptions(options.tls), handler) : createServer(handler);
  }

  get secure(): boolean {
    return this.options.tls !== undefined;
  }

  /** Listens; resolves with the bound port (tests pass 0). */
  async listen(): Promise<number> {
    const address = this.options.address ?? '127.0.0.1';
    const port = await listenLogged(this.server, this.options.port, address);
    Listener.reserve((this.reservedPort = port));
    this.metrics.start();
    return port;
  }

  close(): Promise<void> {
    this.metrics.stop();
    if (this.reservedPort >= 0) Listener.reserve(this.reservedPort, false);
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req);
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      await this.route(req, res, path, body);
    } catch (e) {
      if (res.headersSent) return void res.destroy();
      if (e instanceof BodyTooLarge) return sendText(res, 413, e.message);
      sendText(res, 500, e instanceof Error ? e.message : String(e));
    }
  }

  /** The endpoints in the order of §9.2 (first match wins). */
  private async route(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): Promise<void> {
    const method = req.method ?? 'GET';
    if (path === '/metrics') return method === 'GET' ? this.prometheus(res) : send(res, 405);
    if (path === '/api/v1/metrics' || path.startsWith('/api/v1/metrics/')) return this.metricsJSON(res, path.slice('/api/v1/metrics'.length));
    if (this.repo && path === '/api/v1/dump-store') return this.dumpStore(res);
    if (this.repo && this.repo.published(req, res, path, body)) return;
    if (this.repo && (path === '/api/v1/repo' || path.startsWith('/api/v1/repo/'))) return this.repo.api(req, res, path.slice('/api/v1/repo'.length), body);
    if (path === '/api/v1/files' || path.startsWith('/api/v1/files/')) return this.files(req, res, path.slice('/api/v1/files'.length), body);
    if (path === '/api/v1/program') return this.program(method, res, body);
    if (path === '/api/v1/status' && method === 'GET') return sendJSON(res, this.status());
    if (path === '/api/v1/log' && method === 'GET') return this.log(req, res);
    if (path === '/api/v1/graph' && method === 'POST') return this.graph(res, body);
    if (path === '/api/v1/check' && method === 'POST') return sendJSON(res, check(body.toString('utf8')));
    if (path === '/api/v1/filters' && method === 'GET') return sendJSON(res, filterList());
    if (method !== 'GET') return send(res, 405);
    if (!(await serveGui(req, res, this.guiDir, path))) send(res, 404);
  }

  // ---- metrics ------------------------------------------------------------------------------------

  private prometheus(res: ServerResponse): void {
    let text = this.metrics.prometheus();
    for (const i of this.repo?.instances.values() ?? []) {
      const m = i.status.metrics;
      if (typeof m === 'string') text += withInstanceLabel(m, String(i.status.name || i.index));
    }
    sendText(res, 200, text);
  }

  private metricsJSON(res: ServerResponse, rest: string): void {
    const parts = rest.split('/').filter(Boolean);
    // `<uuid>/<name>` is one metric of a reporting worker, `<uuid>/` all of them.
    if (parts.length === 2 || (parts.length === 1 && rest.endsWith('/'))) {
      const instance = this.repo?.instances.get(parts[0]);
      if (!instance) return send(res, 404);
      return sendJSON(res, { time: performance.now() / 1000, metrics: remoteSeries(instance.status.metrics, parts[1]) });
    }
    const json = this.metrics.json(parts[0]);
    if (!json) return send(res, 404);
    sendJSON(res, json);
  }

  private dumpStore(res: ServerResponse): void {
    const store = this.options.store!;
    for (const p of store.list()) process.stdout.write(`${p} ${JSON.stringify(store.info(store.get(p)!))}\n`);
    sendText(res, 200, '');
  }

  // ---- the running program ------------------------------------------------------------------------

  private async program(method: string, res: ServerResponse, body: Buffer): Promise<void> {
    const runner = this.options.runner;
    if (method === 'GET') return sendText(res, 200, runner.name);
    if (method === 'DELETE') return runner.stop(), send(res, 204);
    if (method !== 'POST') return send(res, 405);
    const target = body.toString('utf8').trim();
    const error = await this.runCodebase(target);
    if (error) return sendText(res, 400, error);
    send(res, 201);
  }

  /** Starts a codebase from the store (or restarts the current one for `/`); an error message or null. */
  private async runCodebase(target: string): Promise<string | null> {
    const runner = this.options.runner;
    const store = this.options.store;
    const c = store && target !== '/' ? store.get(target.replace(/\/$/, '')) : undefined;
    if (!c) {
      if (target === '/' || !store) return runner.running && (await runner.restart()) ? null : runner.running ? 'Failed to start up' : 'No codebase';
      return 'No codebase';
    }
    const files = store!.currentTree(c);
    if (!c.main || files[c.main] === undefined) return 'No main script';
    this.runningVersion = String(c.version);
    return (await runner.run(c.path, { files, main: c.main })) ? null : 'Failed to start up';
  }

  private runningVersion = '';

  status(): Record<string, unknown> {
    return {
      timestamp: Date.now(),
      uuid: this.options.uuid,
      name: this.options.name ?? '',
      version: this.options.version?.() ?? this.runningVersion,
      modules: this.options.runner.modules(),
    };
  }

  private log(req: IncomingMessage, res: ServerResponse): void {
    const known = Number(req.headers['x-log-size'] ?? 0);
    const text = linesAfter(known).map((l) => l + '\n').join('');
    sendText(res, 200, text, { 'x-log-size': String(logSize()) });
  }

  private graph(res: ServerResponse, body: Buffer): void {
    try {
      sendJSON(res, sourceGraphJSON(body.toString('utf8')));
    } catch (e) {
      if (!(e instanceof GraphSyntaxError)) throw e;
      sendText(res, 400, e.message);
    }
  }

  // ---- files of the running codebase --------------------------------------------------------------

  private files(req: IncomingMessage, res: ServerResponse, sub: string, body: Buffer): void {
    const runner = this.options.runner;
    const root = runner.root;
    const method = req.method ?? 'GET';
    if (sub === '' || sub === '/') {
      if (method === 'GET') return sendJSON(res, root ? { main: runner.main, files: listFiles(root), readOnly: !!this.repo } : {});
      if (method !== 'POST') return send(res, 405);
      if (!root) return send(res, 404);
      const json = parseJSON(body);
      if (json === null) return sendText(res, 400, 'Invalid JSON');
      if (!isObject(json)) return sendText(res, 400, 'Invalid JSON object');
      if (typeof json.main !== 'string' || !json.main.startsWith('/')) return sendText(res, 400, 'Invalid main filename');
      runner.setMain(json.main);
      return send(res, 201);
    }
    const abs = root ? resolve(root, '.' + sub) : null;
    if (!abs || !abs.startsWith(root + sep)) return send(res, 404);
    this.fileOp(method, res, abs, body);
  }

  private fileOp(method: string, res: ServerResponse, abs: string, body: Buffer): void {
    const isFile = existsSync(abs) && statSync(abs).isFile();
    if (method === 'GET') return isFile ? sendText(res, 200, readFileSync(abs, 'utf8')) : send(res, 404);
    if (method === 'POST') return mkdirSync(dirname(abs), { recursive: true }), writeFileSync(abs, body), send(res, 201);
    if (method === 'DELETE') return isFile ? (rmSync(abs), send(res, 204)) : send(res, 404);
    send(res, 405);
  }
}

/** Every file under `root` as a codebase path, sorted. */
function listFiles(root: string, sub = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, sub), { withFileTypes: true })) {
    const rel = `${sub}/${e.name}`;
    if (e.isDirectory()) out.push(...listFiles(root, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

function filterList() {
  return filterTable.map((f) => ({ name: f.name, signature: f.signature, description: f.description, params: f.params }));
}

/** One metric (or, without `name`, every one) of a reporting worker, from the Prometheus text it sent (latest values only). */
function remoteSeries(text: unknown, name?: string) {
  if (typeof text !== 'string') return [];
  const lines = text.split('\n').filter((l) => (name ? l.startsWith(name + ' ') || l.startsWith(name + '{') : /^\S+ \S+$|^\S+\{.*\} \S+$/.test(l)));
  return lines.map((l) => {
    const i = l.lastIndexOf(' ');
    return { k: l.slice(0, i), l: '', t: 'Gauge', v: [Number(l.slice(i + 1))] };
  });
}
