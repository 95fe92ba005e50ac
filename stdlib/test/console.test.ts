// console: rendering each argument (ToString, plus ':' JSON for objects) through a captured sink.

import { describe, it, expect } from 'vitest';
import { makeRealm } from './harness.js';

function logged(src: string): [string, string][] {
  const t = makeRealm();
  t.run(src);
  return t.logs;
}

describe('console', () => {
  it('joins primitives with spaces', () => {
    expect(logged("console.log('a', 1, true, null, undefined, 1.5)")).toEqual([['info', 'a 1 true null undefined 1.5']]);
  });

  it('appends JSON to object arguments, with ECMAScript ToString', () => {
    expect(logged("console.log('a', 1, {a: 1}, [1, 'x'])")).toEqual([['info', 'a 1 [object Object]:{"a":1} 1,x:[1,"x"]']]);
  });

  it('prints Data as its text followed by its (empty) JSON', () => {
    expect(logged("console.log(new Data('hi'))")).toEqual([['info', 'hi:{}']]);
  });

  it('leaves out the JSON part for functions and cycles', () => {
    const [[, fn]] = logged('console.log(x => x)');
    expect(fn).not.toContain(':{');
    expect(logged('(o => (o.self = o, console.log(o)))({})')).toEqual([['info', '[object Object]']]);
  });

  it('sends each method to its level', () => {
    expect(logged("[console.debug('d'), console.info('i'), console.warn('w'), console.error('e'), console.log('l')]")).toEqual([
      ['debug', 'd'],
      ['info', 'i'],
      ['warn', 'w'],
      ['error', 'e'],
      ['info', 'l'],
    ]);
  });

  it('returns undefined and prints an empty line without arguments', () => {
    const t = makeRealm();
    expect(t.run('console.log()')).toBeUndefined();
    expect(t.logs).toEqual([['info', '']]);
  });

  it('prints namespaces and native classes without failing', () => {
    const [[, ns], [, cls]] = logged('[console.log(Math), console.log(Data)]');
    expect(ns.startsWith('[object Math]')).toBe(true);
    expect(cls.startsWith('function Data() { [native code] }')).toBe(true);
  });

  it('prints Date as its text alone and stdlib objects with their tag', () => {
    expect(logged('console.log(new Date(0))')[0][1]).not.toMatch(/:[{"[]/);
    expect(logged("console.log(new StreamEnd('ReadError'))")).toEqual([['info', '[object StreamEnd]:{}']]);
  });

  it('runs guest toString through the runtime', () => {
    expect(logged("console.log({toString: () => 'custom'})")).toEqual([['info', 'custom:{}']]);
  });
});
