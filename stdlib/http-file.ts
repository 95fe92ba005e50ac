// http.File: a static file of the codebase, ready to be served (pipyjs-language.md §3.17).
//
// `new http.File(path)` reads `path`, `path.gz` and `path.br` (whichever exist) through the codebase
// confinement; when none exists it tries the same with `/index.html` appended, and otherwise fails
// with `file not found: <path>`. `file.toMessage(acceptEncoding)` builds the response Message: the
// Brotli twin when the client accepts br, else the gzip twin when it accepts gzip, else the plain
// file. When only a compressed twin exists and the client accepts neither, it is decompressed here.
// Everything is pure: the engine serves the Message.

import { Buffer } from 'node:buffer';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { HostClass, HostFunction, HostObject, Namespace, bindHostClass, guestError, toGuest, cost } from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { Data } from './data.js';
import { expectString, optional } from './arguments.js';
import { Message } from './events.js';
import { normalizeCodebasePath } from './pipy-load.js';
import type { Loader } from './pipy-load.js';

// ---- content types ------------------------------------------------------------------------------------

const contentTypes: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  json: 'application/json',
  map: 'application/json',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  xml: 'application/xml',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  ico: 'image/x-icon',
  webp: 'image/webp',
  avif: 'image/avif',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
  zip: 'application/zip',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** The content type for a path's extension (case-insensitive); unknown → application/octet-stream. */
export function contentTypeOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return Object.hasOwn(contentTypes, ext) ? contentTypes[ext] : 'application/octet-stream';
}

// ---- the file ----------------------------------------------------------------------------------------

export type Encoding = 'br' | 'gzip';

export class HttpFile extends HostObject {
  constructor(
    /** The codebase path actually read (with `/index.html` when the request named a directory). */
    readonly path: string,
    readonly plain: Data | null,
    readonly gzip: Data | null,
    readonly br: Data | null,
  ) {
    super();
  }

  get contentType(): string {
    return contentTypeOf(this.path);
  }

  /** The variant to send for an Accept-Encoding value: br, then gzip, then the plain file. */
  choose(acceptEncoding: string): { encoding: Encoding | null; data: Data | null } {
    const accepted = parseAcceptEncoding(acceptEncoding);
    if (this.br && accepted.has('br')) return { encoding: 'br', data: this.br };
    if (this.gzip && accepted.has('gzip')) return { encoding: 'gzip', data: this.gzip };
    if (this.plain) return { encoding: null, data: this.plain };
    return { encoding: null, data: null };
  }
}

/** Tokens the client accepts (`q=0` means refused; `*` stands for both br and gzip). */
export function parseAcceptEncoding(header: string): Set<string> {
  const out = new Set<string>();
  for (const part of header.split(',')) {
    const [token, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!token || params.some((p) => /^q=0(\.0*)?$/.test(p))) continue;
    if (token === '*') out.add('br').add('gzip');
    else out.add(token);
  }
  return out;
}

/** Reads the file and its twins; null when none of them exists, here or as a directory index. */
export function readHttpFile(loader: Loader, path: string, rt?: Runtime): HttpFile | null {
  const base = normalizeCodebasePath(path);
  for (const p of base === '/' ? ['/index.html'] : [base, base + '/index.html']) {
    const [plain, gzip, br] = [p, p + '.gz', p + '.br'].map((q) => loader.load(q, rt));
    if (plain || gzip || br) return new HttpFile(p, plain, gzip, br);
  }
  return null;
}

/** The response Message for a file and an Accept-Encoding value. */
export function fileToMessage(file: HttpFile, acceptEncoding: string, rt?: Runtime): Message {
  const { encoding, data } = file.choose(acceptEncoding);
  const headers: Record<string, string> = { 'content-type': file.contentType };
  if (encoding) headers['content-encoding'] = encoding;
  // The body is a copy (chunks shared): a script shifting it must not empty the file for the next request.
  const body = data ? data.clone() : decompressed(file, rt);
  return new Message(toGuest({ headers }), body);
}

/** Only a compressed twin exists and the client takes neither: inflate it, within the budget. */
function decompressed(file: HttpFile, rt?: Runtime): Data {
  const maxOutputLength = Math.max(1, Math.min(rt ? rt.memLeft : 2 ** 30, 2 ** 30));
  try {
    const out = file.br ? brotliDecompressSync(file.br.toBuffer(), { maxOutputLength }) : gunzipSync(file.gzip!.toBuffer(), { maxOutputLength });
    rt?.alloc(out.length);
    return Data.fromBuffer(Buffer.from(out));
  } catch (e) {
    if (e instanceof RangeError) throw guestError('Error', `file too large to decompress: ${file.path}`);
    throw guestError('Error', `cannot decompress file: ${file.path}`);
  }
}

// ---- the guest class ----------------------------------------------------------------------------------

export const HttpFileClass = new HostClass({
  name: 'File',
  methods: {
    toMessage: (self: HttpFile, args, rt) => {
      const enc = optional(args[0], 0, expectString);
      rt.alloc(cost.object * 3);
      return fileToMessage(self, enc ?? '', rt);
    },
  },
  getters: { path: (self: HttpFile) => self.path },
});
bindHostClass(HttpFile, HttpFileClass);

/** The `http` namespace; `File` reads through `loader` (the codebase confinement). */
export function createHttp(loader: Loader): Namespace {
  const from = (args: unknown[], rt: Runtime) => readHttpFile(loader, expectString(args[0], 0), rt);
  const File = new HostClass({
    name: 'File',
    construct: (args, rt) => {
      const path = expectString(args[0], 0);
      return readHttpFile(loader, path, rt) ?? fail(path);
    },
    statics: { from: new HostFunction('from', from, 1) },
    isInstance: (v) => v instanceof HttpFile,
  });
  return new Namespace('http', { File });
}

function fail(path: string): never {
  throw guestError('Error', `file not found: ${path}`);
}
