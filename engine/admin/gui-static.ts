// Serves the built web console (engine/admin/gui, built by Vite into dist/gui). The console is a
// single page: its routes (`/`, `/home`, `/repo/…`, `/filters`, `/instances`, `/stats`) all
// answer with index.html and the page picks the view from the URL. Asset paths are confined to the
// build directory.
//
// Text assets go out brotli- or gzip-compressed when the client accepts it (§9.2). Each variant is
// compressed once, off the event loop, and kept in memory: the console is a few files, rebuilt rarely,
// and the editor bundle shrinks to a fraction of its size.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from './http-util.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Images are already compressed; below this size the encoding overhead is not worth it. */
const compressible = new Set(['.html', '.js', '.css', '.svg', '.json', '.map']);
const minCompressSize = 1024;

/** This package's root, found by walking up to package.json (works from source and from dist). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const defaultGuiDir = () => join(packageRoot(), 'dist', 'gui');

const pageRoutes = /^\/(home\/?|filters\/?|instances\/?|stats\/?|repo(\/.*)?)?$/;

/** Answers a GET for the console; false when nothing matches (the caller sends 404). */
export async function serveGui(req: IncomingMessage, res: ServerResponse, guiDir: string, path: string): Promise<boolean> {
  const root = resolve(guiDir);
  const file = pageRoutes.test(path) ? join(root, 'index.html') : resolve(root, '.' + path);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  const headers: Record<string, string> = {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  const entry = cached(file);
  if (!entry.compressible) return send(res, 200, entry.identity, headers), true;
  headers.vary = 'accept-encoding';
  const encoding = pickEncoding(req.headers['accept-encoding']);
  if (encoding) headers['content-encoding'] = encoding;
  send(res, 200, encoding ? await variant(entry, encoding) : entry.identity, headers);
  return true;
}

// ---- compressed variants ------------------------------------------------------------------------------

export type Encoding = 'br' | 'gzip';

interface Entry {
  mtimeMs: number;
  size: number;
  identity: Buffer;
  compressible: boolean;
  variants: Partial<Record<Encoding, Promise<Buffer>>>;
}

const cache = new Map<string, Entry>();

/** The file's bytes, re-read only when a rebuild changed it. */
function cached(file: string): Entry {
  const st = statSync(file);
  const old = cache.get(file);
  if (old && old.mtimeMs === st.mtimeMs && old.size === st.size) return old;
  const identity = readFileSync(file);
  const entry = { mtimeMs: st.mtimeMs, size: st.size, identity, compressible: compressible.has(extname(file)) && identity.length >= minCompressSize, variants: {} };
  cache.set(file, entry);
  return entry;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function variant(entry: Entry, encoding: Encoding): Promise<Buffer> {
  const params = { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: entry.identity.length };
  entry.variants[encoding] ??= encoding === 'br' ? brotli(entry.identity, { params }) : gzipAsync(entry.identity, { level: 9 });
  return entry.variants[encoding]!;
}

/** The best encoding the `accept-encoding` header allows (brotli over gzip), or null for identity. */
export function pickEncoding(header: string | undefined): Encoding | null {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name, qParam ? Number(qParam.slice(2)) || 0 : 1);
  }
  const weight = (e: string) => q.get(e) ?? q.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  return weight('gzip') > 0 ? 'gzip' : null;
}
