// Guest errors: class, message, file, line, column and a backtrace of guest frames.

import { describe, it, expect } from 'vitest';
import { evaluate, compile, PipyJSError } from '../index.js';

function errorOf(src: string, filename = 'test.js'): PipyJSError {
  try {
    compile(src, { filename }).run();
  } catch (e) {
    if (e instanceof PipyJSError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('runtime errors', () => {
  it('locates a property read on undefined at the property', () => {
    const e = errorOf('(o => o.a.b)({})');
    expect(e.kind).toBe('runtime');
    expect(e.errorName).toBe('TypeError');
    expect(e.detail).toMatch(/Cannot read properties of undefined \(reading 'b'\)/);
    expect([e.filename, e.line, e.column]).toEqual(['test.js', 1, 11]);
    expect(e.message).toBe("test.js:1:11: TypeError: Cannot read properties of undefined (reading 'b')");
  });

  it('names unknown identifiers', () => {
    const e = errorOf('1 +\n  nope');
    expect(e.errorName).toBe('ReferenceError');
    expect(e.detail).toBe('nope is not defined');
    expect([e.line, e.column]).toEqual([2, 3]);
  });

  it('reports calls of non-functions with the callee text', () => {
    const e = errorOf('({a: 1}).a(2)');
    expect(e.detail).toBe('({a: 1}).a is not a function');
  });

  it('builds a backtrace of guest frames, innermost first', () => {
    const src = ['(', '  (g => g(1))(', '    x => x.y.z', '  )', ')'].join('\n');
    const e = errorOf(src);
    expect(e.backtrace.map((f) => [f.name, f.line, f.column])).toEqual([
      ['(anonymous function at line 3 column 5)', 3, 14],
      ['(anonymous function at line 2 column 4)', 2, 10],
      ['(root)', 2, 14],
    ]);
  });

  it('errors inside built-in callbacks carry both frames', () => {
    const e = errorOf('[1, 2].map(x => x.y.z)');
    expect(e.line).toBe(1);
    expect(e.backtrace[0].name).toMatch(/anonymous function/);
    expect(e.backtrace.at(-1)!.name).toBe('(root)');
  });

  it('syntax errors carry every diagnostic', () => {
    try {
      compile('1; 2;', { filename: 'bad.js' });
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(PipyJSError);
      const pe = e as PipyJSError;
      expect(pe.kind).toBe('syntax');
      expect(pe.diagnostics!.length).toBeGreaterThanOrEqual(2);
      expect(pe.message).toMatch(/^bad\.js:1:2: /);
    }
  });

  it('evaluate rethrows the same error kinds', () => {
    expect(() => evaluate('null.x')).toThrow(/Cannot read properties of null/);
  });
});
