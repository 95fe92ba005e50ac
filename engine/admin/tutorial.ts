// The tutorial codebases a fresh in-memory repo starts with (spec §9.3): every directory under
// tutorial/ becomes `/tutorial/<name>`, each derived from the one before so a step only holds what it
// adds or changes. The entry is `/hello.js` for the first step and `/proxy.js` wherever a step has it.
// An installation without the tutorial directory simply starts with an empty repo.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoStore } from './repo-store.js';
import { packageRoot } from './gui-static.js';

export const defaultTutorialDir = () => join(packageRoot(), 'tutorial');

export function seedTutorial(store: RepoStore, dir = defaultTutorialDir()): void {
  if (!existsSync(dir)) return;
  const steps = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  let base: string | undefined;
  for (const step of steps) {
    const path = `/tutorial/${step}`;
    if (store.get(path)) return;
    const files = readTree(join(dir, step));
    const main = '/proxy.js' in files ? '/proxy.js' : base ? store.get(base)!.main : '/hello.js';
    store.seed(path, files, main, base);
    base = path;
  }
}

/** Every file under `dir` keyed by its codebase path. */
function readTree(dir: string, sub = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = `${sub}/${e.name}`;
    if (e.isDirectory()) Object.assign(out, readTree(dir, rel));
    else if (e.isFile()) out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}
