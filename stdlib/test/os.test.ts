// os and pipy.load: file access confined to the codebase root (`..`, absolute paths, symlinks).

import { describe, it, expect } from 'vitest';
import { readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeCodebasePath, createLoader, Confinement } from '../index.js';
import { makeRealm, tempDir, writeFiles, errorOf } from './harness.js';

/** A codebase with a sibling directory outside it, and symlinks both ways. */
function fixture() {
  const top = tempDir();
  const root = join(top, 'codebase');
  writeFiles(root, { 'main.js': 'pipy()', 'sub/data.txt': 'hello', 'sub/deep/x.json': '{"a":1}' });
  writeFiles(top, { 'secret.txt': 'top secret' });
  symlinkSync(join(top, 'secret.txt'), join(root, 'escape.txt'));
  symlinkSync(top, join(root, 'updir'));
  symlinkSync(join(root, 'sub', 'data.txt'), join(root, 'inside.txt'));
  symlinkSync(join(root, 'sub'), join(root, 'subdir'));
  return { top, root };
}

describe('os confinement', () => {
  const { top, root } = fixture();
  const t = makeRealm({ root, env: { HOME: '/home/x', EMPTY: '' } });

  it('reads files relative to the root and absolute inside it', () => {
    expect(t.run("os.readFile('sub/data.txt').toString()")).toBe('hello');
    expect(t.run("os.readFile('./sub/../sub/data.txt').toString()")).toBe('hello');
    expect(t.run(`os.readFile('${join(root, 'sub/data.txt')}').toString()`)).toBe('hello');
    expect(t.run("os.readFile('inside.txt').toString()")).toBe('hello');
    expect(t.run("os.readFile('subdir/deep/x.json').toString()")).toBe('{"a":1}');
    expect(t.run("os.readFile('updir/codebase/main.js').toString()")).toBe('pipy()');
  });

  it('refuses `..` out of the root', () => {
    const e = t.error("os.readFile('../secret.txt')");
    expect(e.detail).toBe('path escapes the codebase root: ../secret.txt');
    expect(t.error("os.readFile('sub/../../secret.txt')").detail).toContain('path escapes the codebase root');
  });

  it('refuses absolute paths outside the root', () => {
    expect(t.error("os.readFile('/etc/passwd')").detail).toBe('path escapes the codebase root: /etc/passwd');
    expect(t.error(`os.readFile('${join(top, 'secret.txt')}')`).detail).toContain('path escapes the codebase root');
  });

  it('refuses symlinks that resolve outside, for every operation', () => {
    for (const src of ["os.readFile('escape.txt')", "os.readFile('updir/secret.txt')", "os.stat('escape.txt')", "os.readDir('updir')"]) {
      expect(t.error(src).detail, src).toContain('path escapes the codebase root');
    }
  });

  it('gives null for missing files and logs why', () => {
    expect(t.run("os.readFile('nothere.txt')")).toBeNull();
    expect(t.run("os.readFile('sub')")).toBeNull();
    expect(t.logs.some(([level, text]) => level === 'error' && text.includes('nothere.txt'))).toBe(true);
  });

  it('stats files with number accessors and predicates', () => {
    expect(t.run("(s => [s.size, s.isFile(), s.isDirectory(), s.isSymbolicLink(), typeof s.mtime])(os.stat('sub/data.txt'))")).toEqual([5, true, false, false, 'number']);
    expect(t.run("os.stat('sub').isDirectory()")).toBe(true);
    expect(t.run("os.stat('inside.txt').isSymbolicLink()")).toBe(true);
    expect(t.run("os.stat('nothere')")).toBeNull();
  });

  it('lists directories, sorted, directories with a slash', () => {
    expect(t.run("os.readDir('sub')")).toEqual(['data.txt', 'deep/']);
    expect(t.run("os.readDir('nothere')")).toBeNull();
  });

  it('exposes the environment snapshot', () => {
    expect(t.run('os.env.HOME')).toBe('/home/x');
    expect(t.run('Object.keys(os.env)')).toEqual(['HOME', 'EMPTY']);
  });

  it('checks argument types', () => {
    expect(t.error('os.readFile(1)').detail).toBe('argument #1 expects a string');
    expect(t.error("os.writeFile('a.txt', 1)").detail).toBe('argument #2 expects a string or Data');
  });

  it('refuses to write unless the embedder allows it', () => {
    expect(t.error("os.writeFile('out.txt', 'x')").detail).toContain('read-only');
    expect(existsSync(join(root, 'out.txt'))).toBe(false);
  });

  it('writes inside the root when writable, never outside', () => {
    const w = makeRealm({ root, writable: true });
    expect(w.run("os.writeFile('out.txt', 'x')")).toBeUndefined();
    expect(w.run("os.writeFile('sub/out.bin', new Data([1, 2]))")).toBeUndefined();
    expect(readFileSync(join(root, 'out.txt'), 'utf8')).toBe('x');
    expect([...readFileSync(join(root, 'sub/out.bin'))]).toEqual([1, 2]);
    expect(w.error("os.writeFile('../evil.txt', 'x')").detail).toContain('path escapes');
    expect(w.error("os.writeFile('updir/evil.txt', 'x')").detail).toContain('path escapes');
    expect(w.error("os.writeFile('escape.txt', 'x')").detail).toContain('path escapes');
    expect(existsSync(join(top, 'evil.txt'))).toBe(false);
    expect(readFileSync(join(top, 'secret.txt'), 'utf8')).toBe('top secret');
    expect(w.run("os.writeFile('nodir/x.txt', 'x')")).toBeNull();
  });

  it('charges file sizes against the memory budget', () => {
    writeFileSync(join(root, 'big.bin'), Buffer.alloc(200_000));
    const small = makeRealm({ root, limits: { memory: 100_000 } });
    expect(small.error("os.readFile('big.bin')").kind).toBe('limit');
  });
});

describe('Confinement', () => {
  it('accepts the root given through a symlink, with absolute paths written either way', () => {
    const { top, root } = fixture();
    const alias = join(top, 'alias');
    symlinkSync(root, alias);
    const c = new Confinement(alias);
    expect(c.resolve(join(alias, 'main.js'))).toBe(join(c.realRoot, 'main.js'));
    expect(c.resolve(join(root, 'main.js'))).toBe(join(c.realRoot, 'main.js'));
    expect(c.display(c.resolve('sub/data.txt'))).toBe('/sub/data.txt');
    expect(errorOf(() => c.resolve(join(top, 'secret.txt'))).detail).toContain('path escapes');
  });
});

describe('pipy.load', () => {
  it('normalises codebase paths, resolving . and .. everywhere but never above the root', () => {
    expect(normalizeCodebasePath('plugins/router.js')).toBe('/plugins/router.js');
    expect(normalizeCodebasePath('./plugins/router.js')).toBe('/plugins/router.js');
    expect(normalizeCodebasePath('/a//b/')).toBe('/a/b');
    expect(normalizeCodebasePath('a/./b')).toBe('/a/b');
    expect(normalizeCodebasePath('a/x/../b')).toBe('/a/b');
    expect(normalizeCodebasePath('../../etc/passwd')).toBe('/etc/passwd');
    expect(normalizeCodebasePath('')).toBe('/');
    expect(normalizeCodebasePath('..')).toBe('/');
  });

  it('reads codebase files as Data, or null', () => {
    const { root } = fixture();
    const loader = createLoader(root);
    expect(loader.load('sub/data.txt')?.toString()).toBe('hello');
    expect(loader.load('/sub/../sub/data.txt')?.toString()).toBe('hello');
    expect(loader.load('../../sub/data.txt')?.toString()).toBe('hello');
    expect(loader.load('nothere.txt')).toBeNull();
    expect(loader.load('sub')).toBeNull();
    expect(errorOf(() => loader.load('escape.txt')).detail).toContain('path escapes');
  });

  it('works as a guest function', () => {
    const { root } = fixture();
    const loader = createLoader(root);
    const t = makeRealm({ root, globals: {} });
    t.realm.defineGlobal('load', loader.loadFunction);
    expect(t.run("load('sub/data.txt').toString()")).toBe('hello');
    expect(t.run("JSON.decode(load('sub/deep/x.json')).a")).toBe(1);
    expect(t.run("load('nothere.txt')")).toBeNull();
    expect(t.error('load(1)').detail).toBe('argument #1 expects a string');
  });
});

