// Context frames for the engine: one compiled function, many contexts; clone copies, share aliases;
// imported names reach the exporting module's slot in the same context.

import { describe, it, expect } from 'vitest';
import { Realm, Context, ContextScope, PipyJSError } from '../index.js';

/** Two modules: A (frame 0) has `_n` and exports `__shared`; B (frame 1) has `_n` and imports `__shared`. */
function setup() {
  const realm = new Realm();
  const a = new ContextScope();
  a.define('_n', 0, 0);
  a.define('__shared', 0, 1);
  a.define('__filename', 0, 2, { readonly: true });
  const b = new ContextScope();
  b.define('_n', 1, 0);
  b.define('__shared', 0, 1); // imported: A's slot
  const prototypes = [[0, 'init', '/a.js'], [100]];
  const incA = realm.compile('() => (_n++, __shared = __shared + "+a", _n)', { filename: '/a.js', scope: a }).runGuest();
  const incB = realm.compile('() => (_n++, __shared = __shared + "+b", _n)', { filename: '/b.js', scope: b }).runGuest();
  return { realm, a, b, prototypes, incA, incB };
}

describe('context frames', () => {
  it('the same compiled function runs against different contexts', () => {
    const { realm, prototypes, incA } = setup();
    const c1 = Context.fromPrototypes(prototypes);
    const c2 = Context.fromPrototypes(prototypes);
    expect(realm.callGuest(incA, [], { context: c1 })).toBe(1);
    expect(realm.callGuest(incA, [], { context: c1 })).toBe(2);
    expect(realm.callGuest(incA, [], { context: c2 })).toBe(1);
    expect(prototypes[0][0]).toBe(0);
  });

  it('modules keep their own variables; imports share the exporter slot', () => {
    const { realm, prototypes, incA, incB } = setup();
    const c = Context.fromPrototypes(prototypes);
    realm.callGuest(incA, [], { context: c });
    expect(realm.callGuest(incB, [], { context: c })).toBe(101);
    expect(c.frames[0][1]).toBe('init+a+b');
  });

  it('clone copies current values; sharing aliases them', () => {
    const { realm, prototypes, incA } = setup();
    const parent = Context.fromPrototypes(prototypes);
    realm.callGuest(incA, [], { context: parent });
    const clone = parent.clone();
    realm.callGuest(incA, [], { context: clone });
    expect([parent.frames[0][0], clone.frames[0][0]]).toEqual([1, 2]);
    const shared = parent;
    realm.callGuest(incA, [], { context: shared });
    expect(parent.frames[0][0]).toBe(2);
  });

  it('object values are shared by the shallow copy, as in Pipy', () => {
    const realm = new Realm();
    const s = new ContextScope();
    s.define('_obj', 0, 0);
    const bump = realm.compile('() => ++_obj.count', { scope: s }).runGuest();
    const proto = [[realm.compile('({count: 0})').runGuest()]];
    const c1 = Context.fromPrototypes(proto), c2 = Context.fromPrototypes(proto);
    realm.callGuest(bump, [], { context: c1 });
    expect(realm.callGuest(bump, [], { context: c2 })).toBe(2);
  });

  it('read-only names cannot be assigned', () => {
    const { realm, a, prototypes } = setup();
    const f = realm.compile('() => (__filename = "x")', { scope: a }).runGuest();
    expect(() => realm.callGuest(f, [], { context: Context.fromPrototypes(prototypes) })).toThrow(/constant/);
  });

  it('context variables do not exist at load time, only inside a pipeline', () => {
    const { realm, a } = setup();
    const e = (() => {
      try {
        realm.compile('_n + 1', { scope: a }).runGuest();
      } catch (err) {
        return err as PipyJSError;
      }
    })();
    expect(e?.errorName).toBe('ReferenceError');
  });

  it('globals visible at compile time win over context names', () => {
    const realm = new Realm();
    const s = new ContextScope();
    s.define('Math', 0, 0);
    const f = realm.compile('() => typeof Math', { scope: s }).runGuest();
    expect(realm.callGuest(f, [], { context: new Context([[1]]) })).toBe('object');
  });
});
