// A worker whose codebase lives in a repo (spec §6.7): `pipy http://host:6060/repo/<name>/`. Each poll
// reports this instance's status to the codebase URL, asks (HEAD) whether the published version moved,
// and if so downloads the manifest and its files and swaps a new worker in (the Runner keeps established
// connections on the old one). A first load that fails is retried on the next poll.

import { Runner } from './runner.js';
import { LocalMetrics } from './metrics.js';
import { fetchRepo, isRefused, reasonOf } from './repo-client.js';
import type { RepoReply } from './repo-client.js';
import type { ClientTLS } from './tls.js';
import * as log from '../log.js';

export interface RemoteOptions {
  url: string;
  runner: Runner;
  uuid: string;
  name?: string;
  /** Poll period; Pipy's is 5 s (tests shorten it). */
  intervalMs?: number;
  /** Client certificate and trusted CAs for an https repo (`--tls-*`). */
  tls?: ClientTLS;
}

export class RemoteCodebase {
  /** The etag of the running version ('' before the first download). */
  version = '';
  private etag: string | undefined;
  private lastModified: string | undefined;
  private loaded = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly metrics = new LocalMetrics(() => this.options.runner.layouts());

  constructor(private readonly options: RemoteOptions) {}

  start(): void {
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    try {
      await this.report();
      await this.check();
    } catch (e) {
      log.error(`[codebase] ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), this.options.intervalMs ?? 5000);
  }

  status(): Record<string, unknown> {
    this.metrics.registry.collect();
    return {
      timestamp: Date.now(),
      uuid: this.options.uuid,
      name: this.options.name ?? '',
      version: this.version,
      modules: this.options.runner.modules(),
      metrics: this.metrics.prometheus(),
    };
  }

  /** POSTs the status to the codebase URL; the answer does not matter. */
  private async report(): Promise<void> {
    const body = JSON.stringify(this.status());
    await fetchRepo({ url: this.options.url, method: 'POST', headers: { 'content-type': 'application/json' }, body, tls: this.options.tls });
  }

  private async check(): Promise<void> {
    const url = this.options.url;
    const head = await fetchRepo({ url, method: 'HEAD', tls: this.options.tls });
    if (head.status !== 200) return failed('HEAD', url, head);
    const etag = head.headers.etag;
    const lastModified = head.headers['last-modified'];
    if (this.loaded && etag === this.etag && lastModified === this.lastModified) return;
    const download = await this.download();
    if (!download) return;
    const ok = await this.options.runner.run(new URL(url).pathname, download);
    // A broken new version is not retried until the repo publishes another one; a failed first load is.
    if (!ok && !this.loaded) return;
    this.loaded = true;
    this.etag = etag;
    this.lastModified = lastModified;
    if (ok) this.version = etag ?? '';
  }

  /** The codebase's files and entry, from a manifest or a single script. */
  private async download(): Promise<{ files: Record<string, Buffer>; main: string } | null> {
    const url = this.options.url;
    const body = await this.get(url);
    if (!body) return null;
    const text = body.toString('utf8');
    if (!isManifest(text)) return { files: { ['/' + (url.split('/').pop() || 'main.js')]: body }, main: '/' + (url.split('/').pop() || 'main.js') };
    const paths = text.split('\n').map((l) => l.trim()).filter(Boolean);
    const dir = url.slice(0, url.lastIndexOf('/'));
    const files: Record<string, Buffer> = {};
    for (const p of paths) {
      const content = await this.get(dir + p);
      if (!content) return null;
      files[p] = content;
    }
    return { files, main: paths[0] };
  }

  private async get(url: string): Promise<Buffer | null> {
    const res = await fetchRepo({ url, tls: this.options.tls });
    if (res.status !== 200) return failed('GET', url, res), null;
    log.info(`[codebase] GET ${url} -> ${res.body.length} bytes`);
    return res.body;
  }
}

/** A manifest starts with `/` not followed by `/` or `*` (a script would start with a comment). */
function isManifest(text: string): boolean {
  return text[0] === '/' && text[1] !== '/' && text[1] !== '*';
}

/**
 * Pipy's line for a failed request; a failure other than a refused connection (a TLS handshake the
 * certificates do not satisfy, a reset, a timeout) gets a second line saying why, since `0 Empty`
 * alone cannot tell them apart.
 */
function failed(method: string, url: string, reply: RepoReply): void {
  log.error(`[codebase] ${method} ${url} -> ${reply.status} ${reply.statusText}`);
  if (reply.error && !isRefused(reply.error)) log.error(`[codebase] ${method} ${url}: ${reasonOf(reply.error)}`);
}
