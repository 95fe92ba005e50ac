// The repository endpoints of the admin service (spec §9.2): the published tree under `/repo/…` that
// remote workers download and report to, and the editing API under `/api/v1/repo/…`. Instance reports
// are kept in memory only: they describe live processes, which a restart forgets anyway.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { RepoStore, RepoError } from './repo-store.js';
import type { CodebaseRecord } from './repo-store.js';
import { send, sendText, sendJSON, parseJSON, isObject } from './http-util.js';

export interface Instance {
  index: number;
  codebase: string;
  status: Record<string, unknown>;
}

export class RepoRoutes {
  /** Reporting workers by uuid. */
  readonly instances = new Map<string, Instance>();
  private nextIndex = 0;

  constructor(readonly store: RepoStore) {}

  /** `GET /repo`, `HEAD|GET|POST /repo/<path>`; false when the request is not for the published tree. */
  published(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): boolean {
    const method = req.method ?? 'GET';
    const html = (req.headers.accept ?? '').includes('text/html');
    if (path === '/repo' && method === 'GET' && !html) return sendText(res, 200, this.store.list().map((p) => p + '/\n').join('')), true;
    if (!path.startsWith('/repo/')) return false;
    const sub = path.slice('/repo'.length);
    if (method === 'POST') return this.report(res, sub, body), true;
    if ((method === 'GET' || method === 'HEAD') && !html) return this.download(res, sub, method), true;
    return false;
  }

  private download(res: ServerResponse, sub: string, method: string): void {
    const hit = this.publishedFile(sub);
    if (hit !== null) return sendText(res, 200, hit.text, { etag: String(hit.version) });
    const under = this.store.listUnder(sub);
    if (method === 'GET' && under.length) return sendText(res, 200, under.map((l) => l + '\n').join(''));
    send(res, 404);
  }

  /** The manifest (`/<codebase>/`) or a published file, with the published version. */
  private publishedFile(sub: string): { text: string; version: number } | null {
    const direct = sub.endsWith('/') ? this.store.get(sub.slice(0, -1)) : undefined;
    if (direct) return { text: this.store.manifest(direct), version: direct.published.version };
    const at = this.store.locate(sub);
    if (!at) return null;
    const text = at.codebase.published.files[at.file];
    return text === undefined ? null : { text, version: at.codebase.published.version };
  }

  private report(res: ServerResponse, sub: string, body: Buffer): void {
    const c = sub.endsWith('/') ? this.store.get(sub.slice(0, -1)) : undefined;
    if (!c) return send(res, 405);
    const status = parseJSON(body);
    if (!isObject(status)) return sendText(res, 400, 'Invalid JSON');
    const uuid = String(status.uuid ?? '');
    const known = this.instances.get(uuid);
    this.instances.set(uuid, { index: known?.index ?? this.nextIndex++, codebase: c.path, status });
    send(res, 201);
  }

  /** `/api/v1/repo[/…]`. */
  api(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): void {
    const method = req.method ?? 'GET';
    if (path === '' || path === '/') {
      if (method !== 'GET') return send(res, 405);
      return sendText(res, 200, this.store.list().join('\n'));
    }
    switch (method) {
      case 'GET': return this.get(res, path);
      case 'POST': return this.post(res, path, body);
      case 'PATCH': return this.inFile(res, path, (c, f) => this.store.patchFile(c, f, body.toString('utf8')), 201);
      case 'DELETE': return this.inFile(res, path, (c, f) => this.store.eraseFile(c, f), 204);
      default: return send(res, 405);
    }
  }

  private get(res: ServerResponse, path: string): void {
    const c = this.store.get(path);
    if (c) return sendJSON(res, { ...this.store.info(c), instances: this.instancesOf(c) });
    const at = this.store.locate(path);
    const text = at ? this.store.readFile(at.codebase, at.file) : undefined;
    if (text === undefined) return send(res, 404);
    sendText(res, 200, text);
  }

  private instancesOf(c: CodebaseRecord): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const i of this.instances.values()) if (i.codebase === c.path) out[String(i.index)] = i.status;
    return out;
  }

  private post(res: ServerResponse, path: string, body: Buffer): void {
    const at = this.store.get(path) ? null : this.store.locate(path);
    if (at && !path.endsWith('/')) {
      this.store.writeFile(at.codebase, at.file, body.toString('utf8'));
      return send(res, 201);
    }
    const json = body.length ? parseJSON(body) : {};
    if (!isObject(json)) return sendText(res, 400, 'Invalid JSON');
    try {
      this.store.post(path, json);
    } catch (e) {
      if (e instanceof RepoError) return sendText(res, 400, e.message);
      throw e;
    }
    send(res, 201);
  }

  private inFile(res: ServerResponse, path: string, change: (c: CodebaseRecord, file: string) => void, status: number): void {
    const at = this.store.locate(path);
    if (!at || at.file === '/') return send(res, 404);
    change(at.codebase, at.file);
    send(res, status);
  }
}
