// Hessian 2.0 encode/decode: byte vectors from the Hessian 2.0 grammar, and round trips.

import { describe, it, expect } from 'vitest';
import { HessianNamespace } from '../hessian.js';
import { DataClass } from '../data.js';
import { scriptRunner } from './harness.js';

const { run, errorOf } = scriptRunner(() => ({ Hessian: HessianNamespace, Data: DataClass }));


const enc = (src: string) => (run(`Hessian.encode(${src})`) as Buffer).toString('hex');
const dec = (hex: string) => run(`Hessian.decode(new Data('${hex}', 'hex'))`);

describe('Hessian.encode', () => {
  it('writes scalars in their compact forms', () => {
    expect(['null', 'undefined', 'true', 'false'].map(enc)).toEqual(['4e', '4e', '54', '46']);
    const ints = ['0', '-16', '47', '48', '-2048', '2047', '2048', '-262144', '262143', '262144', '-2147483648', '2147483647'];
    expect(ints.map(enc)).toEqual(['90', '80', 'bf', 'c830', 'c000', 'cfff', 'd40800', 'd00000', 'd7ffff', '4900040000', '4980000000', '497fffffff']);
    expect(enc('2147483648')).toBe('4c0000000080000000');
    expect(enc('12.25')).toBe('444028800000000000');
    expect(enc('-0')).toBe('448000000000000000');
  });

  it('writes strings with UTF-16 lengths and Java-style surrogates', () => {
    expect(enc("''")).toBe('00');
    expect(enc("'hello'")).toBe('0568656c6c6f');
    expect(enc("'é'")).toBe('01c3a9');
    expect(enc("'😀'")).toBe('02eda0bdedb880');
    expect(enc("'x'.repeat(32)").slice(0, 4)).toBe('3020');
    expect(enc("'x'.repeat(1024)").slice(0, 6)).toBe('530400');
  });

  it('writes lists, maps, binaries and back-references', () => {
    expect(enc('[1, 2]')).toBe('7a9192');
    expect(enc('[0,0,0,0,0,0,0,0]')).toBe('5898' + '90'.repeat(8));
    expect(enc('{a: 1}')).toBe('48016191' + '5a');
    expect(enc('new Data([1, 2, 3])')).toBe('23010203');
    // The list itself is reference 0, the map reference 1.
    expect(enc("(o => [o, o])({})")).toBe('7a' + '485a' + '5191');
    expect(enc("(a => (a.push(a), a))([])")).toBe('79' + '5190');
  });

  it('splits long strings and binaries into chunks', () => {
    const s = run("Hessian.encode('y'.repeat(70000))") as Buffer;
    expect(s.subarray(0, 3).toString('hex')).toBe('528000');
    expect(run("Hessian.decode(Hessian.encode('y'.repeat(70000))).length")).toBe(70000);
    expect(run("Hessian.decode(Hessian.encode(new Data('z'.repeat(70000)))).size")).toBe(70000);
  });
});

describe('Hessian.decode', () => {
  it('reads every integer and long form', () => {
    const hex = ['90', '80', 'bf', 'c830', 'c000', 'd00000', 'd7ffff', '49fffffffe', 'e0', 'd8', 'ef', 'f000', 'f800', '380000', '3c0000', '59fffffffd', '4c0000010000000000'];
    expect(hex.map(dec)).toEqual([0, -16, 47, 48, -2048, -262144, 262143, -2, 0, -8, 15, -2048, 0, -262144, 0, -3, 2 ** 40]);
  });

  it('reads every double form', () => {
    expect(['5b', '5c', '5d80', '5e8000', '444028800000000000'].map(dec)).toEqual([0, 1, -128, -32768, 12.25]);
    expect(dec('5f00003039') as number).toBeCloseTo(12.345, 12);
  });

  it('reads strings, chunked strings and 4-byte UTF-8', () => {
    expect(['00', '0568656c6c6f', '01c3a9', '02eda0bdedb880', '02f09f9880', '5200016101' + '62', '530002' + '6869'].map(dec))
      .toEqual(['', 'hello', 'é', '😀', '😀', 'ab', 'hi']);
  });

  it('reads binaries into Data', () => {
    expect(run("Hessian.decode(new Data('23010203', 'hex')).toArray()")).toEqual([1, 2, 3]);
    expect(run("Hessian.decode(new Data('410001ff' + '21ee', 'hex')).toArray()")).toEqual([255, 238]);
  });

  it('reads lists of every kind', () => {
    expect(dec('7a9192')).toEqual([1, 2]);
    expect(dec('58929192')).toEqual([1, 2]);
    expect(dec('5791925a')).toEqual([1, 2]);
    expect(dec('5604' + Buffer.from('[int').toString('hex') + '929091')).toEqual([0, 1]);
    expect(dec('7204' + Buffer.from('[int').toString('hex') + '9091')).toEqual([0, 1]);
    expect(dec('5504' + Buffer.from('[int').toString('hex') + '90' + '5a')).toEqual([0]);
    // A second typed list may name its type by number.
    expect(dec('7a' + '7104' + Buffer.from('[int').toString('hex') + '90' + '7190' + '91')).toEqual([[0], [1]]);
  });

  it('reads maps and class-defined objects', () => {
    expect(dec('48016191' + '0162' + '4e' + '5a')).toEqual({ a: 1, b: null });
    expect(dec('4d' + '00' + '9101' + '78' + '5a')).toEqual({ 1: 'x' });
    const car = '43' + '0b' + Buffer.from('example.Car').toString('hex') + '92' + '05' + Buffer.from('color').toString('hex') + '05' + Buffer.from('model').toString('hex');
    const red = '03' + Buffer.from('red').toString('hex') + '08' + Buffer.from('corvette').toString('hex');
    expect(dec(car + '4f90' + red)).toEqual({ color: 'red', model: 'corvette' });
    expect(dec('7a' + car + '60' + red + '60' + '91' + '92')).toEqual([{ color: 'red', model: 'corvette' }, { color: 1, model: 2 }]);
  });

  it('resolves back-references, cycles included', () => {
    expect(run("(a => a[0] === a)(Hessian.decode(new Data('57' + '5190' + '5a', 'hex')))")).toBe(true);
    expect(run("(a => a[0] === a[1])(Hessian.decode(new Data('7a' + '485a' + '5191', 'hex')))")).toBe(true);
  });

  it('reads dates as milliseconds', () => {
    expect(dec('4a00000000000003e8')).toBe(1000);
    expect(dec('4b00000002')).toBe(120000);
  });

  it('raises errors for malformed input', () => {
    expect(errorOf("Hessian.decode(new Data())").detail).toBe('Hessian: unexpected end of data');
    expect(errorOf("Hessian.decode(new Data('40', 'hex'))").detail).toBe('Hessian: unexpected code 0x40');
    expect(errorOf("Hessian.decode(new Data('5190', 'hex'))").detail).toBe('Hessian: bad reference');
    expect(errorOf("Hessian.decode(new Data('0568', 'hex'))").detail).toBe('Hessian: unexpected end of data');
    expect(errorOf("Hessian.decode(new Data('6090', 'hex'))").detail).toBe('Hessian: bad class reference');
    expect(errorOf("Hessian.decode(new Data('58' + 'd7ffff', 'hex'))").detail).toBe('Hessian: unexpected end of data');
    expect(errorOf("Hessian.decode(new Data('57'.repeat(1000), 'hex'))").detail).toBe('Hessian: nesting too deep');
    expect(errorOf("Hessian.decode(new Data('01f7bfbfbf', 'hex'))").detail).toBe('Hessian: bad UTF-8 encoding');
    expect(errorOf("Hessian.decode(new Data('01c341', 'hex'))").detail).toBe('Hessian: bad UTF-8 encoding');
    expect(errorOf("Hessian.decode('x')").detail).toBe('argument #1 expects an instance of pipy::Data');
  });
});

describe('round trips', () => {
  it('gives back what was encoded', () => {
    const values = "[null, true, false, 0, -1, 1e9, -3e12, 0.5, -1.25e-7, 'text', 'é😀', [1, [2, [3]]], {a: {b: [1, 'x']}, c: ''}]";
    expect(run(`${values}.map(v => Hessian.decode(Hessian.encode(v)))`)).toEqual(run(values));
  });

  it('refuses structures nested too deeply', () => {
    expect(errorOf("Hessian.encode(new Array(600).fill(0).reduce(a => [a], []))").detail).toBe('Hessian: nesting too deep');
  });
});
