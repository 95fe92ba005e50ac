// Test harness: a realm with the stdlib globals over a temporary codebase, and a captured log.

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Realm, PipyJSError } from '../../interpreter/index.js';
import type { Limits } from '../../interpreter/index.js';
import { stdlibGlobals, coreJSONOf } from '../index.js';
import type { LogLevel, StatsModule } from '../index.js';

export interface TestRealm {
  realm: Realm;
  root: string;
  logs: [LogLevel, string][];
  /** Runs and returns inert host data. */
  run(src: string): unknown;
  /** Runs and returns the raw guest value. */
  guest(src: string): unknown;
  /** Runs, expecting a guest error; returns it. */
  error(src: string): PipyJSError;
}

export interface TestOptions {
  root?: string;
  files?: Record<string, string | Buffer>;
  env?: Record<string, string>;
  writable?: boolean;
  stats?: StatsModule;
  limits?: Partial<Limits>;
  globals?: Record<string, unknown>;
}

export function tempDir(prefix = 'pipy-stdlib-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function makeRealm(options: TestOptions = {}): TestRealm {
  const root = options.root ?? tempDir();
  if (options.files) writeFiles(root, options.files);
  const logs: [LogLevel, string][] = [];
  const coreJSON = coreJSONOf(new Realm());
  const guestGlobals = stdlibGlobals({ root, env: options.env ?? {}, log: (l, t) => logs.push([l, t]), coreJSON, writable: options.writable, stats: options.stats });
  const realm = new Realm({ guestGlobals, limits: options.limits, globals: options.globals });
  return {
    realm,
    root,
    logs,
    run: (src) => realm.compile(src).run(),
    guest: (src) => realm.compile(src).runGuest(),
    error: (src) => errorOf(() => realm.compile(src).runGuest()),
  };
}

/**
 * `run` and `errorOf` over a fresh realm holding only `guestGlobals()` (one module's globals), plus
 * host `globals` per script.
 */
export function scriptRunner(guestGlobals: () => Record<string, unknown>) {
  const run = (src: string, globals: Record<string, unknown> = {}): unknown => new Realm({ guestGlobals: guestGlobals(), globals }).compile(src).run();
  return {
    run,
    errorOf: (src: string, globals: Record<string, unknown> = {}): PipyJSError => errorOf(() => run(src, globals)),
  };
}

export function errorOf(f: () => unknown): PipyJSError {
  try {
    f();
  } catch (e) {
    if (e instanceof PipyJSError) return e;
    throw e;
  }
  throw new Error('expected a PipyJSError');
}
