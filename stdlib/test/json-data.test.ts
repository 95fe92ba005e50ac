// JSON.encode / JSON.decode on top of the core JSON.

import { describe, it, expect } from 'vitest';
import { makeRealm } from './harness.js';

const t = makeRealm();

describe('JSON.encode and JSON.decode', () => {
  it('encode gives Data holding the JSON text', () => {
    expect(t.run("JSON.encode({a: [1, 'é']}) instanceof Data")).toBe(true);
    expect(t.run("JSON.encode({a: [1, 'é']}).toString()")).toBe('{"a":[1,"é"]}');
    expect(t.run("JSON.encode({a: 1, b: 2}, (k, v) => k === 'a' ? undefined : v).toString()")).toBe('{"b":2}');
    expect(t.run('JSON.encode({a: [1]}, null, 2).toString()')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(t.run('JSON.encode(undefined)')).toBeUndefined();
  });

  it('decode parses Data; null and undefined give undefined', () => {
    expect(t.run(`JSON.decode(new Data('{"a":[1,2]}')).a[1]`)).toBe(2);
    expect(t.run('JSON.decode(null)')).toBeUndefined();
    expect(t.run('JSON.decode()')).toBeUndefined();
    expect(t.run('JSON.decode(JSON.encode({x: "y"})).x')).toBe('y');
    expect(t.error("JSON.decode('{}')").detail).toBe('argument #1 expects an instance of Data');
  });

  it('keeps the core JSON members', () => {
    expect(t.run("JSON.stringify(JSON.parse('[1]'))")).toBe('[1]');
  });
});
