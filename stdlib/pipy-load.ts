// The pure part of `pipy.load(path)` (pipy-engine.md §1.6): codebase path normalisation and a
// confined read. The `pipy` global itself (Configuration, restart, exit) belongs to the engine,
// which attaches `load` from here.
//
// Deliberate fix of a 0.30 quirk: Pipy resolves `.`/`..` only as the first segment (`a/./b` stays
// `/a/./b`); here they are resolved everywhere, and `..` at the root stays at the root, so a
// codebase path can never name anything above it. Symlinks are checked by the same confinement as
// `os` (a link leading out of the codebase is a guest Error).

import { HostFunction } from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { Confinement, readFile } from './os.js';
import type { Data } from './data.js';
import { expectString } from './arguments.js';

/** `'./plugins//router.js'` → `'/plugins/router.js'`; `'../../x'` → `'/x'`. */
export function normalizeCodebasePath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

export interface Loader {
  /** The normalised codebase path's file as Data, or null when it is missing or not a file. */
  load(path: string, rt?: Runtime): Data | null;
  /** `pipy.load` as a guest function. */
  readonly loadFunction: HostFunction;
  readonly confinement: Confinement;
}

export function createLoader(root: string): Loader {
  const confinement = new Confinement(root);
  const load = (path: string, rt?: Runtime) => readFile(confinement, '.' + normalizeCodebasePath(path), rt ?? null, () => null);
  const loadFunction = new HostFunction('load', (args, rt) => {
    return load(expectString(args[0], 0), rt);
  }, 1);
  return { load, loadFunction, confinement };
}
