// Escape attempts: nothing a script writes may reach a host object, a host prototype, or the next script.

import { describe, it, expect } from 'vitest';
import { evaluate, compile, Realm, PipyJSError } from '../index.js';

const run = (src: string, globals?: Record<string, unknown>) => evaluate(src, { globals });

function errorOf(f: () => unknown): PipyJSError {
  try {
    f();
  } catch (e) {
    if (e instanceof PipyJSError) return e;
    throw e;
  }
  throw new Error('expected a PipyJSError');
}

describe('no path to host objects', () => {
  const reflective = ['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'caller', 'callee', 'arguments'];
  const bases = ['({})', '[]', "''", '0', 'true', '(x => x)', 'Math', 'JSON', 'Object', 'Array', 'String', 'Number', 'Date', 'RegExp', 'Math.abs', '[].map', "''.slice", 'new Date(0)', "new RegExp('a')", 'Object.keys'];
  for (const base of bases) {
    for (const key of reflective) {
      it(`${base}.${key} is undefined`, () => {
        expect(run(`(${base})['${key}']`)).toBeUndefined();
      });
    }
  }

  it('reflection chains end in undefined or a TypeError, never in Function', () => {
    for (const src of ['({}).constructor.constructor', '[].map.constructor("return process")', "''.constructor.constructor('return this')()"]) {
      const e = errorOf(() => run(src));
      expect(e.kind).toBe('runtime');
      expect(e.errorName).toBe('TypeError');
    }
  });

  it('ambient authority does not exist', () => {
    const names = ['process', 'require', 'module', 'exports', 'global', 'globalThis', 'Buffer', 'setTimeout', 'setInterval', 'eval', 'Function', 'Proxy', 'Reflect', 'WebAssembly', 'SharedArrayBuffer', 'Atomics', 'Symbol', 'Promise', 'fetch', 'queueMicrotask'];
    for (const name of names) {
      expect(run(`typeof ${name}`), name).toBe('undefined');
      const e = errorOf(() => run(name));
      expect(e.errorName, name).toBe('ReferenceError');
    }
  });

  it('an embedder can pass authority in explicitly', () => {
    expect(run('twice(21)', { twice: (n: number) => n * 2 })).toBe(42);
  });
});

describe('no prototype pollution', () => {
  it('__proto__ keys are own data, never prototypes', () => {
    expect(run("(o => (o.__proto__ = {polluted: 1}, [o.polluted, o.__proto__.polluted]))({})")).toEqual([undefined, 1]);
    expect(run("(o => (o['__proto__'] = 5, Object.keys(o)))({})")).toEqual(['__proto__']);
    expect(run("({__proto__: {x: 1}}).x")).toBeUndefined();
    expect(run("(a => (a.__proto__ = {x: 1}, [a.x, a.length]))([1])")).toEqual([undefined, 1]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).x).toBeUndefined();
  });

  it('JSON and Object.assign keep __proto__ as a key', () => {
    expect(run(`Object.assign({}, JSON.parse('{"__proto__": {"polluted": 1}}')).polluted`)).toBeUndefined();
    expect(run(`Object.keys(JSON.parse('{"__proto__": 1}'))`)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('computed keys are converted once, then checked', () => {
    // The key object answers "x" the first time and "__proto__" afterwards: only "x" may be used.
    const src = "((n, o) => (o[{toString: () => (n = n + 1, n === 1 ? 'x' : '__proto__')}] = 1, [n, Object.keys(o)]))(0, {})";
    expect(run(src)).toEqual([1, ['x']]);
  });

  it('built-in objects are read-only and shared safely between realms', () => {
    const e = errorOf(() => run('Math.abs = 1'));
    expect(e.errorName).toBe('TypeError');
    expect(errorOf(() => run('Array.isArray = 1')).errorName).toBe('TypeError');
    expect(run('Math.abs(-1)')).toBe(1);
    expect(run('(Math = 1, Math)')).toBe(1);
    expect(run('typeof Math')).toBe('object');
  });

  it('one script cannot affect the next', () => {
    const realm = new Realm();
    realm.compile("(o => (o.x = 1, ''))(JSON)") ;
    expect(() => realm.compile("(o => (o.x = 1, ''))(JSON)").run()).toThrow(PipyJSError);
    expect(run('JSON.x')).toBeUndefined();
  });
});

describe('the boundary', () => {
  it('results are inert host data', () => {
    const v = run("({a: [1, {b: 'c'}], f: x => x * 2})") as { a: unknown[]; f: (x: number) => number };
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(v.a).toEqual([1, { b: 'c' }]);
    expect(v.f(21)).toBe(42);
  });

  it('a returned guest function still runs under limits', () => {
    const f = compile('n => (f => f(f, n))((f, n) => n < 2 ? n : f(f, n - 1) + f(f, n - 2))', { limits: { steps: 1000 } }).run() as (n: number) => number;
    expect(f(10)).toBe(55);
    const e = errorOf(() => f(30));
    expect(e.kind).toBe('limit');
    expect(e.limit).toBe('steps');
  });

  it('host functions receive copies, so guest data cannot be aliased by the host', () => {
    let seen: unknown;
    const out = run("(o => (keep(o), o.x))({x: 1})", { keep: (o: { x: number }) => { seen = o; o.x = 99; } });
    expect(out).toBe(1);
    expect(seen).toEqual({ x: 99 });
  });

  it('refuses host class instances', () => {
    expect(() => run('m', { m: new Map() })).toThrow(/cannot pass a host Map/);
  });
});
