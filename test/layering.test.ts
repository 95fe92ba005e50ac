// Dependencies point one way: bin → engine → stdlib → interpreter → acorn. This test reads every
// import in the source tree and fails on any edge against that direction, on deep imports across
// folders (each folder is entered through its index.ts), and on I/O modules where they do not belong.

import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const layers = ['interpreter', 'stdlib', 'engine', 'bin'] as const;
type Layer = (typeof layers)[number];

/** Which top-level folders each layer may import from. */
const allowed: Record<Layer, Layer[]> = {
  interpreter: [],
  stdlib: ['interpreter'],
  engine: ['stdlib', 'interpreter'],
  bin: ['engine'],
};
/** Host modules each layer may use (the interpreter does no I/O; stdlib never opens sockets). */
const hostModules: Record<Layer, RegExp> = {
  interpreter: /^(acorn|acorn-walk|astring|node:v8)$/,
  stdlib: /^(acorn|node:(buffer|crypto|zlib|os|path|fs|url|util|v8))$/,
  engine: /^(node:.*|commander|acorn)$/,
  bin: /^(node:.*|commander)$/,
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      // engine/admin/gui is the web console: browser code Vite bundles on its own, outside the layers.
      if (name !== 'node_modules' && name !== 'test' && name !== 'gui') out.push(...sources(p));
    } else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) specs.push(m[1]);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  return specs;
}

describe('layering', () => {
  for (const layer of layers) {
    it(`${layer} imports only what it may`, () => {
      let dir: string;
      try {
        dir = join(root, layer);
        statSync(dir);
      } catch {
        return; // the layer does not exist yet
      }
      const violations: string[] = [];
      for (const file of sources(dir)) {
        for (const spec of importsOf(file)) {
          const where = `${relative(root, file)} imports ${spec}`;
          if (!spec.startsWith('.')) {
            if (!hostModules[layer].test(spec)) violations.push(`${where}: host module not allowed in ${layer}`);
            continue;
          }
          const target = relative(root, resolve(dirname(file), spec)).split('/');
          const targetLayer = target[0] as Layer;
          if (targetLayer === layer) continue;
          if (!allowed[layer].includes(targetLayer)) violations.push(`${where}: ${layer} may not depend on ${targetLayer}`);
          else if (target.length !== 2 || target[1] !== 'index.js') violations.push(`${where}: enter ${targetLayer} through its index.js`);
        }
      }
      expect(violations).toEqual([]);
    });
  }
});
