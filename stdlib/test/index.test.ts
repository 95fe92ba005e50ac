// The registry of globals: one entry per name, every value a guest value.

import { describe, it, expect } from 'vitest';
import { Realm, HostClass, HostFunction, Namespace, PipyJSError } from '../../interpreter/index.js';
import { stdlibGlobals, coreJSONOf } from '../index.js';
import { tempDir } from './harness.js';

describe('stdlibGlobals', () => {
  const globals = stdlibGlobals({ root: tempDir(), env: {}, log: () => {}, coreJSON: coreJSONOf(new Realm()) });

  it('lists every stdlib global, one entry per name', () => {
    expect(Object.keys(globals)).toEqual(['Data', 'Message', 'MessageStart', 'MessageEnd', 'StreamEnd', 'console', 'os', 'JSON', 'stats', 'http', 'algo', 'URL', 'URLSearchParams', 'Netmask', 'XML', 'Hessian', 'crypto', 'repeat']);
  });

  it('holds only guest values', () => {
    for (const [name, v] of Object.entries(globals)) expect(v instanceof HostClass || v instanceof Namespace || v instanceof HostFunction, name).toBe(true);
  });

  it('refuses something that is not the core JSON', () => {
    expect(() => stdlibGlobals({ root: tempDir(), env: {}, log: () => {}, coreJSON: {} })).toThrow(TypeError);
  });

  it('gives scripts the right typeof for each global', () => {
    const realm = new Realm({ guestGlobals: globals });
    expect(realm.compile('[typeof Data, typeof Message, typeof StreamEnd, typeof console, typeof os, typeof stats, typeof http, typeof JSON.encode, typeof algo, typeof URL, typeof crypto]').run()).toEqual(['function', 'function', 'function', 'object', 'object', 'object', 'object', 'function', 'object', 'function', 'object']);
  });
});

describe('the global object (spec §3.1)', () => {
  it('core built-ins plus the stdlib give every 0.30 global except the engine\'s `pipy`', () => {
    const globals = stdlibGlobals({ root: tempDir(), env: {}, log: () => {}, coreJSON: coreJSONOf(new Realm()) });
    const realm = new Realm({ guestGlobals: globals });
    const names = ['NaN', 'Infinity', 'Object', 'Boolean', 'Number', 'String', 'Array', 'Math', 'Date', 'RegExp', 'JSON', 'XML', 'Hessian', 'console', 'os', 'URL', 'URLSearchParams', 'Netmask', 'Data', 'Message', 'MessageStart', 'MessageEnd', 'StreamEnd', 'stats', 'http', 'crypto', 'algo'];
    const missing = names.filter((n) => realm.compile(`typeof ${n}`).run() === 'undefined');
    expect(missing).toEqual([]);
  });

  const globals = stdlibGlobals({ root: tempDir(), env: {}, log: () => {}, coreJSON: coreJSONOf(new Realm()) });

  it('defines repeat(fn) and repeat(count, fn)', () => {
    const realm = new Realm({ guestGlobals: globals });
    expect(realm.compile('(a => [repeat(i => (a.push(i), i < 2)), a])([])').run()).toEqual([false, [0, 1, 2]]);
    expect(realm.compile('(a => [repeat(5, i => (a.push(i), true)), a.length])([])').run()).toEqual([true, 5]);
    expect(() => realm.compile('repeat(3)').run()).toThrow(/argument #2 expects a function/);
  });

  it('an endless repeat stops at the step budget', () => {
    const realm = new Realm({ guestGlobals: globals, limits: { steps: 10_000 } });
    try {
      realm.compile('repeat(() => true)').run();
      throw new Error('no limit');
    } catch (e) {
      expect((e as PipyJSError).limit).toBe('steps');
    }
  });
});
