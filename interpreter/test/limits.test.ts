// Budgets: every limit stops a script with a 'limit' PipyJSError, deterministically, and leaves the
// realm usable afterwards. A host RangeError is never what stops a script.

import { describe, it, expect } from 'vitest';
import { evaluate, compile, Realm, PipyJSError, check } from '../index.js';

function limitOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof PipyJSError && e.kind === 'limit') return e.limit;
    throw e;
  }
  return undefined;
}

const fib = (n: number) => `(f => f(f, ${n}))((f, n) => n < 2 ? n : f(f, n - 1) + f(f, n - 2))`;

describe('steps', () => {
  it('stops runaway recursion by steps, deterministically', () => {
    const counts = [1, 2].map(() => limitOf(() => evaluate(fib(30), { limits: { steps: 10_000 } })));
    expect(counts).toEqual(['steps', 'steps']);
    expect(evaluate(fib(15), { limits: { steps: 10_000 } })).toBe(610);
  });

  it('counts inside built-in callbacks', () => {
    expect(limitOf(() => evaluate('Array.from({length: 100000}, (_, i) => i).map(x => x + 1).length', { limits: { steps: 50_000 } }))).toBe('steps');
    expect(limitOf(() => evaluate('[3, 1, 2].sort((a, b) => (f => f(f, 25))((f, n) => n < 2 ? n : f(f, n - 1) + f(f, n - 2)))', { limits: { steps: 10_000 } }))).toBe('steps');
  });
});

describe('time', () => {
  it('a deadline stops a long computation', () => {
    const started = Date.now();
    expect(limitOf(() => evaluate(fib(40), { limits: { steps: 1e12, timeMs: 100 } }))).toBe('time');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('depth', () => {
  it('infinite recursion is a depth limit, not a host stack overflow', () => {
    expect(limitOf(() => evaluate('(f => f(f))(f => f(f))'))).toBe('depth');
    expect(limitOf(() => evaluate('(f => f(f, 0))((f, n) => 1 + f(f, n + 1))', { limits: { depth: 50 } }))).toBe('depth');
  });

  it('recursion with deep bodies stays within the host stack at the default depth', () => {
    // Each call nests a long chain of operators: the stack budget, not the host, must stop it.
    const body = Array.from({ length: 200 }, () => '(1 + ').join('') + 'f(f)' + ')'.repeat(200);
    expect(limitOf(() => evaluate(`(f => f(f))(f => ${body})`))).toBe('depth');
  });

  it('no body shape reaches the host stack, even with the depth limit lifted', () => {
    const shapes = [
      (n: number) => '(1 + '.repeat(n) + 'f(f)' + ')'.repeat(n),
      (n: number) => 'g('.repeat(n) + 'f(f)' + ')'.repeat(n),
      (n: number) => '`${'.repeat(n) + 'f(f)' + '}`'.repeat(n),
      (n: number) => '({a: '.repeat(n) + 'f(f)' + '})'.repeat(n),
      (n: number) => '[1].map(() => '.repeat(n) + 'f(f)' + ')'.repeat(n),
    ];
    for (const shape of shapes) {
      for (const n of [1, 10, 100]) {
        try {
          evaluate(`(g => (f => f(f))(f => ${shape(n)}))(x => x)`, { limits: { depth: 1e9, steps: 1e12 } });
          throw new Error('no limit');
        } catch (e) {
          expect(e).toBeInstanceOf(PipyJSError);
          expect((e as PipyJSError).detail).toBe('call depth limit exceeded (nesting of active calls)');
        }
      }
    }
  });

  it('the depth limit allows ordinary recursion', () => {
    expect(evaluate('(f => f(f, 500))((f, n) => n === 0 ? 0 : 1 + f(f, n - 1))')).toBe(500);
  });
});

describe('memory', () => {
  it('refuses oversized strings before allocating them', () => {
    expect(limitOf(() => evaluate("'x'.repeat(2 ** 28)"))).toBe('memory');
    expect(limitOf(() => evaluate("(f => f(f, 'x'))((f, s) => f(f, s + s))"))).toBe('memory');
  });

  it('charges arrays and objects', () => {
    expect(limitOf(() => evaluate('new Array(1e9)'))).toBeDefined();
    expect(limitOf(() => evaluate('Array.from({length: 1e6}, () => ({a: 1, b: 2}))', { limits: { memory: 1e6 } }))).toBe('memory');
  });
});

describe('parse', () => {
  it('100,000 nested parentheses are a diagnostic, not a crash', () => {
    const src = '('.repeat(100_000) + '1' + ')'.repeat(100_000);
    expect(check(src).length).toBe(1);
    expect(() => compile(src)).toThrow(PipyJSError);
  });
});

describe('results', () => {
  it('a result nested too deeply is a limit error, not a host stack overflow', () => {
    expect(limitOf(() => evaluate('Array.from({length: 100000}).reduce(a => [a], [])'))).toBe('depth');
  });

  it('spreading a long string is charged before its keys are listed', () => {
    expect(limitOf(() => evaluate("({...'x'.repeat(2 ** 24)})", { limits: { memory: 64 * 1024 * 1024 } }))).toBe('memory');
  });
});

describe('reuse after a limit', () => {
  it('the realm keeps working after every kind of limit', () => {
    const realm = new Realm({ limits: { steps: 5000, depth: 100 } });
    const ok = realm.compile('[1, 2, 3].map(x => x * 2)');
    for (const src of ['(f => f(f))(f => f(f))', fib(25), "(f => f(f, 'x'))((f, s) => f(f, s + s))"]) {
      expect(() => realm.compile(src).run()).toThrow(PipyJSError);
      expect(ok.run()).toEqual([2, 4, 6]);
    }
    expect(realm.runtime.depth).toBe(0);
  });
});
