// os: the environment snapshot and file access (pipyjs-language.md §3.11), confined to the codebase.
//
// Pipy lets `os.readFile` reach any file the process can open. Here every path is resolved against
// the codebase root given by the embedder, and a path that leaves it, lexically (`..`, an absolute
// path elsewhere) or through a symlink, is a guest Error "path escapes the codebase root: <path>".
// The check runs on the fully resolved real path, and the file operation then uses that same path.
// `os.readDir` and `writable` are additions: Pipy 0.30 has no readDir, and writing is refused unless
// the embedder allows it.

import { Buffer } from 'node:buffer';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import type { Stats as FsStats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { HostClass, HostFunction, HostObject, Namespace, bindHostClass, guestError, toGuest, cost } from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { Data } from './data.js';
import { expectString, expectStringOrData } from './arguments.js';
import type { LogSink } from './console.js';

// ---- confinement -----------------------------------------------------------------------------------

/** Resolves guest paths to real host paths inside one root directory. */
export class Confinement {
  /** The root as given (made absolute) and as the file system resolves it. */
  readonly root: string;
  readonly realRoot: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.realRoot = realpathSync(this.root);
  }

  /** The real path `path` names, or a guest Error when it is outside the root. */
  resolve(path: string): string {
    return this.check(path).real;
  }

  /**
   * Both forms of a confined path: `lexical` has `.`/`..` removed but its symlinks unresolved (for
   * lstat), `real` has everything resolved; both lie inside the root.
   */
  check(path: string): { lexical: string; real: string } {
    const lexical = this.rebase(resolve(this.realRoot, path));
    if (!within(this.realRoot, lexical)) throw escapes(path);
    const real = realpathOfLongestPrefix(lexical);
    if (!within(this.realRoot, real)) throw escapes(path);
    return { lexical, real };
  }

  /** An absolute path written against the root as given (not its real path) is moved onto the real one. */
  private rebase(abs: string): string {
    if (this.root !== this.realRoot && within(this.root, abs)) return join(this.realRoot, relative(this.root, abs));
    return abs;
  }

  /** The path relative to the root, with a leading '/' (for messages and codebase paths). */
  display(real: string): string {
    return '/' + relative(this.realRoot, real).split(sep).join('/');
  }
}

function within(root: string, p: string): boolean {
  if (p === root) return true;
  return p.startsWith(root.endsWith(sep) ? root : root + sep);
}

function escapes(path: string) {
  return guestError('Error', `path escapes the codebase root: ${path}`);
}

/**
 * realpath of `p`; when the end of `p` does not exist yet (a file about to be written), the real
 * path of the nearest existing ancestor plus the missing part, which cannot hold symlinks.
 */
function realpathOfLongestPrefix(p: string): string {
  let head = p;
  const rest: string[] = [];
  while (!pathExists(head)) {
    const parent = dirname(head);
    if (parent === head) break;
    rest.unshift(basename(head));
    head = parent;
  }
  return join(realpathSync(head), ...rest);
}

/** True when something (even a dangling symlink) sits at `p`. */
function pathExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

// ---- Stats -------------------------------------------------------------------------------------------

/** The result of `os.stat`: number accessors (times in whole seconds) and the is* predicates. */
export class Stats extends HostObject {
  constructor(readonly st: FsStats) {
    super();
  }
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const statNumbers: Record<string, (s: FsStats) => number> = {
  dev: (s) => s.dev,
  ino: (s) => s.ino,
  mode: (s) => s.mode,
  nlink: (s) => s.nlink,
  uid: (s) => s.uid,
  gid: (s) => s.gid,
  rdev: (s) => s.rdev,
  size: (s) => s.size,
  blksize: (s) => s.blksize,
  blocks: (s) => s.blocks,
  atime: (s) => seconds(s.atimeMs),
  mtime: (s) => seconds(s.mtimeMs),
  ctime: (s) => seconds(s.ctimeMs),
};
const statPredicates = ['isFile', 'isDirectory', 'isCharacterDevice', 'isBlockDevice', 'isFIFO', 'isSymbolicLink', 'isSocket'] as const;

export const StatsClass = new HostClass({
  name: 'Stats',
  getters: Object.fromEntries(Object.entries(statNumbers).map(([k, f]) => [k, (self: Stats) => f(self.st)])),
  methods: Object.fromEntries(statPredicates.map((k) => [k, (self: Stats) => self.st[k]()])),
});
bindHostClass(Stats, StatsClass);

// ---- the namespace -----------------------------------------------------------------------------------

export interface OsOptions {
  /** The codebase root: every path is confined to it. */
  root: string;
  /** The environment snapshot scripts see as `os.env`. */
  env: Record<string, string>;
  /** Whether `os.writeFile` may write (default false). */
  writable?: boolean;
  /** Where "cannot open" errors are logged. */
  log?: LogSink;
}

function pathArg(args: unknown[]): string {
  return expectString(args[0], 0);
}

export function createOs(options: OsOptions): Namespace {
  const jail = new Confinement(options.root);
  const log = options.log ?? (() => {});
  const fail = (what: string, path: string) => (log('error', `[os] ${what}: ${path}`), null);
  return new Namespace('os', {
    env: toGuest({ ...options.env }),
    readFile: new HostFunction('readFile', (args, rt) => readFile(jail, pathArg(args), rt, fail), 1),
    readDir: new HostFunction('readDir', (args, rt) => readDir(jail, pathArg(args), rt, fail), 1),
    stat: new HostFunction('stat', (args, rt) => stat(jail, pathArg(args), rt), 1),
    writeFile: new HostFunction('writeFile', (args, rt) => writeFile(jail, args, rt, options.writable ?? false, fail), 2),
  });
}

type Fail = (what: string, path: string) => null;

/** The file's bytes as Data; the budget is charged from its size before reading. */
export function readFile(jail: Confinement, path: string, rt: Runtime | null, fail: Fail): Data | null {
  const real = jail.resolve(path);
  try {
    const st = statSync(real);
    if (!st.isFile()) return fail('not a regular file', path);
    rt?.alloc(cost.object + st.size);
    return Data.fromBuffer(readFileSync(real));
  } catch (e) {
    return isFsError(e) ? fail('cannot open file', path) : rethrow(e);
  }
}

/** Entry names, sorted; directories end with '/'. */
function readDir(jail: Confinement, path: string, rt: Runtime, fail: Fail): string[] | null {
  const real = jail.resolve(path);
  try {
    const entries = readdirSync(real, { withFileTypes: true });
    rt.alloc(cost.arrayBase + entries.length * (cost.element + 64));
    return entries.map((e) => (e.isDirectory() ? e.name + '/' : e.name)).sort();
  } catch (e) {
    return isFsError(e) ? fail('cannot read directory', path) : rethrow(e);
  }
}

/** lstat, so a symlink inside the codebase reports isSymbolicLink(). */
function stat(jail: Confinement, path: string, rt: Runtime): Stats | null {
  const { lexical } = jail.check(path);
  try {
    rt.alloc(cost.object);
    return new Stats(lstatSync(lexical));
  } catch (e) {
    return isFsError(e) ? null : rethrow(e);
  }
}

function writeFile(jail: Confinement, args: unknown[], rt: Runtime, writable: boolean, fail: Fail): null | undefined {
  const path = pathArg(args);
  const content = expectStringOrData(args[1], 1);
  if (!writable) throw guestError('Error', `os.writeFile: the codebase is read-only: ${path}`);
  const real = jail.resolve(path);
  rt.charge(1);
  try {
    writeFileSync(real, typeof content === 'string' ? Buffer.from(content) : content.toBuffer());
    return undefined;
  } catch (e) {
    return isFsError(e) ? fail('cannot open file', path) : rethrow(e);
  }
}

function isFsError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}

function rethrow(e: unknown): never {
  throw e;
}
