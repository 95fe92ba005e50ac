// Keeps the README true: its interpreter example runs, and each `expr; // → value` line gives that value.

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as interpreter from '../interpreter/index.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

function examples(): string[] {
  return [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.includes("from 'pipy-ts/interpreter'"));
}

/** Turns `expr; // → value` into a checked statement; other lines stay as they are. */
function instrument(block: string): string {
  return block
    .replace(/^import .*$/m, '')
    .split('\n')
    .map((line) => {
      const m = /^(\w.*?);\s*\/\/ → (.*)$/.exec(line);
      if (!m || m[1].startsWith('const ')) return line;
      return `__check(${m[1]}, ${JSON.stringify(m[2])});`;
    })
    .join('\n');
}

describe('README', () => {
  it('has an interpreter example', () => {
    expect(examples().length).toBeGreaterThan(0);
  });

  for (const [i, block] of examples().entries()) {
    it(`interpreter example ${i + 1} runs and matches its comments`, () => {
      const logged: unknown[][] = [];
      const checked: [string, string][] = [];
      const check = (value: unknown, expected: string) => checked.push([JSON.stringify(value), expected]);
      const names = Object.keys(interpreter).join(', ');
      new Function('api', 'console', '__check', `const { ${names} } = api;\n${instrument(block)}`)(
        interpreter,
        { log: (...a: unknown[]) => logged.push(a) },
        check,
      );
      expect(checked.length).toBeGreaterThan(0);
      for (const [got, expected] of checked) {
        if (expected.startsWith('[{')) expect(got).toMatch(/^\[\{"message":"arrow functions with a block body/);
        else expect(got).toBe(JSON.stringify(JSON.parse(expected.replace(/ \(.*\)$/, '').replace(/'/g, '"'))));
      }
      expect(logged).toEqual([['limit', 'depth']]);
    });
  }
});
