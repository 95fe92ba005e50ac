// Serves the built web console (engine/admin/gui, built by Vite into dist/gui). The console is a
// single page: its routes (`/`, `/home`, `/repo/…`, `/filters`) all answer with index.html and the
// page picks the view from the URL. Asset paths are confined to the build directory.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
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

/** dist/gui of this package, found by walking up to package.json (works from source and from dist). */
export function defaultGuiDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'gui');
}

const pageRoutes = /^\/(home\/?|filters\/?|repo(\/.*)?)?$/;

/** Answers a GET for the console; false when nothing matches (the caller sends 404). */
export function serveGui(res: ServerResponse, guiDir: string, path: string): boolean {
  const root = resolve(guiDir);
  const file = pageRoutes.test(path) ? join(root, 'index.html') : resolve(root, '.' + path);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  send(res, 200, readFileSync(file), { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
  return true;
}
