// Runs the black-box suites (conformance/filters, conformance/scenarios) against bin/pipy, or against
// the binary named by PIPY_BIN; and checks that every filter `--list-filters` names has a case.

import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { blackBoxCases, runBlackBoxCase } from '../blackbox.js';

const here = import.meta.dirname;
const pipy = process.env.PIPY_BIN ?? join(here, '..', '..', 'bin', 'pipy');

for (const suite of ['filters', 'scenarios']) {
  const root = join(here, '..', suite);
  describe.concurrent(`conformance/${suite}`, () => {
    for (const dir of blackBoxCases(root)) {
      const name = dir.slice(root.length + 1);
      it(name, async () => {
        const r = await runBlackBoxCase(dir, pipy, name);
        expect(r.detail).toBe('');
      });
    }
  });
}

describe('conformance/filters coverage', () => {
  it('has a case folder for every filter --list-filters names, except the listed ones', () => {
    const list = execFileSync(pipy, ['--list-filters'], { encoding: 'utf8' });
    const names = list.split('\n').filter((l) => l.trim()).map((l) => l.split(' ')[0]);
    const pending = readFileSync(join(here, '..', 'expectations', 'filters-without-cases.txt'), 'utf8')
      .split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split(' ')[0]);
    const hasCase = (n: string) => existsSync(join(here, '..', 'filters', n));
    expect(names.filter((n) => !hasCase(n) && !pending.includes(n))).toEqual([]);
    expect(pending.filter(hasCase)).toEqual([]);
  });
});
