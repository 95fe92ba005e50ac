import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { languageCases, runCase } from '../language.js';
import { stdlibTestGlobals } from '../stdlib-globals.js';

const dir = join(import.meta.dirname, '..', 'stdlib');

describe('conformance/stdlib', () => {
  for (const file of languageCases(dir)) {
    const name = file.slice(dir.length + 1);
    it(name, () => {
      const r = runCase(name, readFileSync(file, 'utf8'), stdlibTestGlobals);
      expect(r.detail).toBe('');
      expect(r.ok).toBe(true);
    });
  }
});
