// Data: guest API (spec §3.17, test ideas 71–74, with ECMAScript semantics) and the engine's host API.

import { describe, it, expect } from 'vitest';
import { Buffer } from 'node:buffer';
import { Data } from '../index.js';
import { makeRealm } from './harness.js';

const t = makeRealm();

describe('Data from scripts', () => {
  it('encodes and measures UTF-8 (71)', () => {
    expect(t.run("new Data('hé!?').size")).toBe(5);
    expect(t.run("new Data('hé!?').toString('hex')")).toBe('68c3a9213f');
    expect(t.run("new Data('hé!?').toString('base64')")).toBe('aMOpIT8=');
    expect(t.run("new Data('hé!?').toString('base64url')")).toBe('aMOpIT8');
  });

  it('decodes Base64 strictly, base64url leniently, Data.from gives null (72)', () => {
    expect(t.error("new Data('aGk', 'base64')").detail).toBe('incomplete Base64 string');
    expect(t.run("Data.from('aGk', 'base64')")).toBeNull();
    expect(t.run("new Data('aGk', 'base64url').toString()")).toBe('hi');
    expect(t.run("new Data('aGk=', 'base64').toString()")).toBe('hi');
    expect(t.run("new Data('aGk=', 'base64url').toString()")).toBe('hi');
    expect(t.error("new Data('aG*=', 'base64')").detail).toBe('invalid Base64 encoding');
    expect(t.error("new Data('a===', 'base64')").detail).toBe('incomplete Base64 encoding');
    expect(t.error("new Data('a', 'base64url')").detail).toBe('incomplete Base64 encoding');
    expect(t.run("Data.from('aGk', 'base64url').toString()")).toBe('hi');
  });

  it('decodes hex with Pipy messages', () => {
    expect(t.run("new Data('48690a', 'hex').toString()")).toBe('Hi\n');
    expect(t.run("new Data('4A4b', 'hex').toString()")).toBe('JK');
    expect(t.error("new Data('abc', 'hex')").detail).toBe('incomplete hex string');
    expect(t.error("new Data('zz', 'hex')").detail).toBe('invalid hex encoding');
    expect(t.run("Data.from('zz', 'hex')")).toBeNull();
  });

  it('rejects unknown encodings and bad arguments', () => {
    expect(t.error("new Data('x', 'latin1')").detail).toBe('unknown encoding');
    expect(t.error("new Data('x').toString('ucs2')").detail).toBe('unknown encoding');
    expect(t.error("new Data('x', 5)").detail).toBe('argument #2 expects a string');
    expect(t.error('new Data(5)').detail).toBe('argument #1 expects a string, Array or Data');
    expect(t.error('new Data({})').errorName).toBe('TypeError');
    expect(t.error('Data.from(5)').detail).toBe('argument #1 expects a string');
    expect(t.run('new Data().size')).toBe(0);
    expect(t.run('new Data(null).size')).toBe(0);
  });

  it('shiftTo includes the matching byte, shiftWhile stops before it (73)', () => {
    expect(t.run("(d => [d.shiftTo(c => c === 108).toString(), d.toString()])(new Data('hello'))")).toEqual(['hel', 'lo']);
    expect(t.run("(d => [d.shiftWhile(c => c !== 108).toString(), d.toString()])(new Data('hello'))")).toEqual(['he', 'llo']);
    expect(t.run("(d => [d.shiftTo(c => false).size, d.size])(new Data('abc'))")).toEqual([3, 0]);
    expect(t.run("(d => [d.shiftWhile(c => true).size, d.size])(new Data('abc'))")).toEqual([3, 0]);
  });

  it('passes bytes to callbacks as 0..255 (not signed as in 0.30)', () => {
    expect(t.run('(a => (new Data([0xff, 0x80]).shiftWhile(c => (a.push(c), true)), a))([])')).toEqual([255, 128]);
    expect(t.error("new Data('x').shiftTo(1)").detail).toBe('argument #1 expects a function');
  });

  it('toString gives undefined for invalid UTF-8; concatenation uses the text (74)', () => {
    expect(t.run('new Data([0xff]).toString()')).toBeUndefined();
    expect(t.run("'x' + new Data('yz')")).toBe('xyz');
    expect(t.run("new Data('ab') == 'ab'")).toBe(true);
    expect(t.run('`${new Data([104, 105])}`')).toBe('hi');
  });

  it('push appends strings and Data and returns the same Data', () => {
    expect(t.run('(d => d.push("x") === d)(new Data())')).toBe(true);
    expect(t.run("new Data('a').push('b').push(new Data('c')).toString()")).toBe('abc');
    expect(t.error("new Data().push(1)").detail).toBe('argument #1 expects a Data or a string');
  });

  it('shift removes from the front; n beyond the size takes everything', () => {
    expect(t.run("(d => [d.shift(2).toString(), d.toString()])(new Data('hello'))")).toEqual(['he', 'llo']);
    expect(t.run("(d => [d.shift(99).toString(), d.size])(new Data('hello'))")).toEqual(['hello', 0]);
    expect(t.run("(d => [d.shift(-1).size, d.size])(new Data('hello'))")).toEqual([0, 5]);
  });

  it('arrays of bytes wrap to uint8 through ToNumber; toArray returns them', () => {
    expect(t.run("new Data([1, '2', 259, -1]).toArray()")).toEqual([1, 2, 3, 255]);
  });

  it('a copy is independent of its source', () => {
    expect(t.run("(a => (b => (b.push('!'), a.shift(1), [a.toString(), b.toString()]))(new Data(a)))(new Data('xy'))")).toEqual(['y', 'xy!']);
  });

  it('is an instance of Data; size is read-only', () => {
    expect(t.run('new Data() instanceof Data')).toBe(true);
    expect(t.run('({}) instanceof Data')).toBe(false);
    expect(t.error('(d => d.size = 3)(new Data())').errorName).toBe('TypeError');
  });

  it('comes out of the sandbox as a Buffer copy', () => {
    expect(t.run("new Data('hi')")).toEqual(Buffer.from('hi'));
  });

  it('charges the memory budget before decoding or expanding', () => {
    const small = makeRealm({ limits: { memory: 100_000 }, globals: { big: 'ab'.repeat(200_000) } });
    expect(small.error("new Data(big, 'hex')").kind).toBe('limit');
    expect(small.error('new Data(big)').kind).toBe('limit');
    expect(small.run("new Data('abcd', 'hex').size")).toBe(2);
  });
});

describe('Data host API', () => {
  it('wraps Buffers without copying and reports chunks', () => {
    const buf = Buffer.alloc(1000, 1);
    const d = Data.fromBuffer(buf);
    expect(d.size).toBe(1000);
    expect(d.chunks()[0].buffer).toBe(buf.buffer);
    expect(d.toBuffer()).toBe(buf);
  });

  it('shifts across chunk boundaries without losing bytes', () => {
    const d = new Data([Buffer.alloc(300, 'a'), Buffer.alloc(300, 'b'), Buffer.alloc(300, 'c')]);
    const head = d.shift(450);
    expect(head.size).toBe(450);
    expect(head.toString()).toBe('a'.repeat(300) + 'b'.repeat(150));
    expect(d.toString()).toBe('b'.repeat(150) + 'c'.repeat(300));
    expect(d.chunks().map((c) => c.length)).toEqual([150, 300]);
  });

  it('merges small pushes into few chunks', () => {
    const d = new Data();
    for (let i = 0; i < 10_000; i++) d.push('x');
    expect(d.size).toBe(10_000);
    expect(d.chunks().length).toBeLessThanOrEqual(12);
    expect(d.toString()).toBe('x'.repeat(10_000));
  });

  it('keeps shared chunks intact when both sides keep appending to the tail', () => {
    const a = new Data().push('x');
    const b = a.clone();
    const c = a.shift(0);
    a.push('y');
    b.push('z');
    expect([a.toString(), b.toString(), c.size]).toEqual(['xy', 'xz', 0]);
    const s = a.shift(1);
    a.push('w');
    expect([s.toString(), a.toString()]).toEqual(['x', 'yw']);
  });

  it('decodes and encodes text', () => {
    expect(Data.fromString('aGk', 'base64url').toString()).toBe('hi');
    expect(Data.fromString('hé').toString('hex')).toBe('68c3a9');
    expect(new Data(Buffer.from([0xff])).toStrictString()).toBeUndefined();
    expect(new Data(Buffer.from([0xff])).toString()).toBe('\ufffd');
  });

  it('finds bytes and empties', () => {
    const d = new Data().push('abc').push(Buffer.alloc(300, 'd'));
    expect(d.indexWhere((b) => b === 100)).toBe(3);
    d.clear();
    expect([d.size, d.chunks().length]).toEqual([0, 0]);
    d.push('q');
    expect(d.toString()).toBe('q');
  });
});

describe('Data budget', () => {
  it('charges shared chunks, so doubling a Data by pushing it to itself runs out', () => {
    const t = makeRealm({ limits: { memory: 1_000_000 } });
    const src = "(d => (f => f(f, 40))((f, n) => n > 0 ? (d.push(d), f(f, n - 1)) : d.size))(new Data(new Data('x'.repeat(300))))";
    expect(t.error(src).kind).toBe('limit');
  });
});
