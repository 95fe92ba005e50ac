// The codebase: the directory of the entry script. Every file a script names (modules, pipy.load,
// tee, read) resolves inside it; a path or symlink leading outside is refused.

import { readFileSync, realpathSync, existsSync, statSync } from 'node:fs';
import { resolve, sep, dirname } from 'node:path';
import { normalizePath } from './units.js';

export class Codebase {
  readonly root: string;

  constructor(root: string) {
    this.root = realpathSync(root);
  }

  /** Absolute host path of a codebase path, or null when it would leave the root. */
  resolve(path: string): string | null {
    const abs = resolve(this.root, '.' + normalizePath(path));
    if (!this.inside(abs)) return null;
    if (!existsSync(abs)) return this.inside(realpathSync(dirname(abs))) ? abs : null;
    return this.inside(realpathSync(abs)) ? abs : null;
  }

  private inside(abs: string): boolean {
    return abs === this.root || abs.startsWith(this.root + sep);
  }

  read(path: string): Buffer | null {
    const abs = this.resolve(path);
    if (!abs || !existsSync(abs) || !statSync(abs).isFile()) return null;
    return readFileSync(abs);
  }
}
