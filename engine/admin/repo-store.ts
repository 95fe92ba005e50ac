// The codebase repository (spec §9.3): codebases with a version, a main file, an optional base they
// derive from, committed files, and the uncommitted edit and erasure layers. A commit folds the layers
// into the committed files and republishes the codebase's tree (what remote workers download, with the
// version as etag), then republishes every derived codebase whose base moved on.
//
// The store lives in memory; given a directory it also persists there as one JSON document, replaced
// by write-then-rename after every change, so a crash mid-write leaves the previous state intact.

import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export interface Published {
  version: number;
  main: string;
  files: Record<string, string>;
}

export interface CodebaseRecord {
  path: string;
  version: number;
  main: string;
  base?: string;
  /** The base's version when this codebase was last published from it. */
  baseVersion?: number;
  files: Record<string, string>;
  edits: Record<string, string>;
  erased: string[];
  derived: string[];
  published: Published;
}

export interface CodebaseInfo {
  version: number;
  path: string;
  main: string;
  files: string[];
  editFiles: string[];
  erasedFiles: string[];
  baseFiles: string[];
  derived: string[];
  base?: string;
}

/** A rejected request; the message is what the API answers with status 400. */
export class RepoError extends Error {}

const stateFile = 'repo.json';

export class RepoStore {
  private readonly codebases = new Map<string, CodebaseRecord>();

  /** `dir` = persist there (and load what an earlier run left); omitted = memory only. */
  constructor(private readonly dir?: string) {
    if (dir) this.loadFrom(dir);
  }

  private loadFrom(dir: string): void {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, stateFile);
    if (!existsSync(file)) return;
    const list = JSON.parse(readFileSync(file, 'utf8')) as CodebaseRecord[];
    for (const c of list) this.codebases.set(c.path, c);
  }

  /** Writes the whole state to a temporary file, flushes it, then renames it over the old one. */
  private save(): void {
    if (!this.dir) return;
    const tmp = join(this.dir, `${stateFile}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeFileSync(fd, JSON.stringify([...this.codebases.values()]));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, stateFile));
  }

  // ---- lookup --------------------------------------------------------------------------------------

  list(): string[] {
    return [...this.codebases.keys()].sort();
  }

  get(path: string): CodebaseRecord | undefined {
    return this.codebases.get(path);
  }

  /** The codebase a path lies in: strip trailing segments until a codebase path matches. */
  locate(path: string): { codebase: CodebaseRecord; file: string } | null {
    const parts = path.split('/');
    for (let n = parts.length - 1; n > 0; n--) {
      const c = this.codebases.get(parts.slice(0, n).join('/'));
      if (c) return { codebase: c, file: '/' + parts.slice(n).join('/') };
    }
    return null;
  }

  /** Committed files including those inherited through the base chain (own ones win). */
  committedTree(c: CodebaseRecord): Record<string, string> {
    const base = c.base ? this.codebases.get(c.base) : undefined;
    return { ...(base ? this.committedTree(base) : {}), ...c.files };
  }

  /** What an editor sees: the committed tree with edits applied and erasures removed. */
  currentTree(c: CodebaseRecord): Record<string, string> {
    const tree = { ...this.committedTree(c), ...c.edits };
    for (const f of c.erased) delete tree[f];
    return tree;
  }

  readFile(c: CodebaseRecord, file: string): string | undefined {
    return this.currentTree(c)[file];
  }

  info(c: CodebaseRecord): CodebaseInfo {
    const base = c.base ? this.codebases.get(c.base) : undefined;
    const inherited = base ? Object.keys(this.committedTree(base)).filter((f) => !(f in c.files)) : [];
    const info: CodebaseInfo = {
      version: c.version,
      path: c.path,
      main: c.main,
      files: Object.keys(c.files).sort(),
      editFiles: Object.keys(c.edits).sort(),
      erasedFiles: [...c.erased].sort(),
      baseFiles: inherited.sort(),
      derived: [...c.derived],
    };
    if (c.base) info.base = c.base;
    return info;
  }

  // ---- changes -------------------------------------------------------------------------------------

  /** `POST /api/v1/repo/<path>`: creates the codebase, or updates main and commits a new version. */
  post(path: string, body: { base?: unknown; main?: unknown; version?: unknown }): void {
    if (!path || path === '/' || path.endsWith('/')) throw new RepoError('Invalid codebase or filename');
    if (body.main !== undefined && (typeof body.main !== 'string' || !body.main.startsWith('/'))) throw new RepoError('Invalid main filename');
    if (body.version !== undefined && !Number.isInteger(body.version)) throw new RepoError('Invalid version number');
    const existing = this.codebases.get(path);
    if (existing) this.update(existing, body.main as string | undefined, body.version as number | undefined);
    else this.create(path, body.base, body.version as number | undefined);
    this.save();
  }

  /** Adds a codebase whose files are committed and published at version 1 (the built-in tutorial). */
  seed(path: string, files: Record<string, string>, main: string, base?: string): void {
    this.create(path, base, 1);
    const c = this.codebases.get(path)!;
    c.files = files;
    c.main = main;
    this.publish(c, 1);
    this.save();
  }

  private create(path: string, base: unknown, version = -1): void {
    if (base !== undefined && (typeof base !== 'string' || !base.startsWith('/'))) throw new RepoError('Invalid base codebase');
    const from = typeof base === 'string' ? this.codebases.get(base) : undefined;
    if (typeof base === 'string' && !from) throw new RepoError('Base codebase not found');
    const c: CodebaseRecord = {
      path,
      version: 1,
      main: from ? from.main : '/main.js',
      files: from ? {} : { '/main.js': 'pipy()' },
      edits: {},
      erased: [],
      derived: [],
      published: { version, main: '', files: {} },
    };
    if (from) {
      c.base = from.path;
      c.baseVersion = from.version;
      from.derived.push(path);
    }
    this.codebases.set(path, c);
    this.publish(c, version);
  }

  private update(c: CodebaseRecord, main: string | undefined, version: number | undefined): void {
    if (main !== undefined && main !== c.main) c.main = main;
    if (version !== undefined && version !== c.version) this.commit(c, version);
  }

  /** Folds edits and erasures into the committed files, then publishes this and derived codebases. */
  private commit(c: CodebaseRecord, version: number): void {
    Object.assign(c.files, c.edits);
    for (const f of c.erased) delete c.files[f];
    c.edits = {};
    c.erased = [];
    c.version = version;
    this.publish(c, version);
    this.republishDerived(c);
  }

  private republishDerived(base: CodebaseRecord): void {
    for (const path of base.derived) {
      const d = this.codebases.get(path);
      if (!d || d.baseVersion === base.version) continue;
      d.baseVersion = base.version;
      d.version += 1;
      this.publish(d, d.version);
      this.republishDerived(d);
    }
  }

  private publish(c: CodebaseRecord, version: number): void {
    c.published = { version, main: c.main, files: this.committedTree(c) };
  }

  /** `POST …/<file>`: writes into the edit layer (and un-erases). */
  writeFile(c: CodebaseRecord, file: string, content: string): void {
    c.edits[file] = content;
    c.erased = c.erased.filter((f) => f !== file);
    this.save();
  }

  /** `PATCH …/<file>`: a body sets the edit; an empty one discards the file's edit and erasure. */
  patchFile(c: CodebaseRecord, file: string, content: string): void {
    if (content) return this.writeFile(c, file, content);
    delete c.edits[file];
    c.erased = c.erased.filter((f) => f !== file);
    this.save();
  }

  /** `DELETE …/<file>`: marks the file erased and drops its edit. */
  eraseFile(c: CodebaseRecord, file: string): void {
    delete c.edits[file];
    if (!c.erased.includes(file)) c.erased.push(file);
    this.save();
  }

  // ---- the published tree (/repo/…) --------------------------------------------------------------

  /** The manifest of a published codebase: main first, then the other files. */
  manifest(c: CodebaseRecord): string {
    const p = c.published;
    const others = Object.keys(p.files).filter((f) => f !== p.main).sort();
    return [p.main, ...others].map((f) => f + '\n').join('');
  }

  /** Codebase paths (with a trailing `/`) under a prefix, for listing `/repo/<prefix>`. */
  listUnder(prefix: string): string[] {
    const p = prefix.endsWith('/') ? prefix : prefix + '/';
    return this.list().filter((c) => (c + '/').startsWith(p)).map((c) => c + '/');
  }
}
