// URL and URLSearchParams through guest code (test ideas 86–88).

import { describe, it, expect } from 'vitest';
import { URLClass, URLSearchParamsClass, percentDecode, percentEncode } from '../url.js';
import { scriptRunner } from './harness.js';

const { run, errorOf } = scriptRunner(() => ({ URL: URLClass, URLSearchParams: URLSearchParamsClass }));


const props = ['protocol', 'host', 'hostname', 'port', 'path', 'pathname', 'search', 'query', 'hash', 'origin', 'auth', 'username', 'password', 'href'];

function url(text: string, base?: string): Record<string, unknown> {
  const args = base === undefined ? `'${text}'` : `'${text}', '${base}'`;
  const values = run(`(u => [${props.map((p) => `u.${p}`).join(',')}])(new URL(${args}))`) as unknown[];
  return Object.fromEntries(props.map((p, i) => [p, values[i]]));
}

describe('URL', () => {
  it('splits a full URL (idea 86)', () => {
    expect(url('https://user:pw@Example.com:8443/a/b?x=1&y=2#frag')).toEqual({
      protocol: 'https:', host: 'Example.com:8443', hostname: 'Example.com', port: '8443',
      path: '/a/b?x=1&y=2', pathname: '/a/b', search: '?x=1&y=2', query: 'x=1&y=2', hash: '#frag',
      origin: 'https://Example.com:8443', auth: 'user:pw', username: 'user', password: 'pw',
      href: 'https://user:pw@Example.com:8443/a/b?x=1&y=2#frag',
    });
  });

  it('defaults the path and the port by scheme (idea 87)', () => {
    expect(run("(u => [u.href, u.port, u.host, u.path])(new URL('http://example.com'))")).toEqual(['http://example.com/', '80', 'example.com', '/']);
    expect(run("new URL('foo://h/x').port")).toBe('');
    const ports = ['ftp', 'gopher', 'http', 'https', 'ws', 'wss'].map((s) => run(`new URL('${s}://h/').port`));
    expect(ports).toEqual(['21', '70', '80', '443', '80', '443']);
  });

  it('resolves relative URLs against a base (idea 87)', () => {
    expect(run("new URL('c/d', 'http://h.com/a/b').path")).toBe('/a/c/d');
    expect(run("new URL('/x?y', 'https://h.com:8/a/b').href")).toBe('https://h.com:8/x?y');
    expect(run("new URL('../c', 'http://h.com/a/b/d').pathname")).toBe('/a/c');
    expect(run("new URL('./', 'http://h.com/a/b').pathname")).toBe('/a/');
    expect(run("new URL('?q=1', 'http://h.com/a/b').path")).toBe('/a/b?q=1');
    expect(run("new URL('http://other/x', 'http://h.com/a/b').href")).toBe('http://other/x');
  });

  it('keeps IPv6 hosts in brackets', () => {
    expect(run("(u => [u.hostname, u.port, u.host])(new URL('http://[::1]:8080/x'))")).toEqual(['[::1]', '8080', '[::1]:8080']);
    expect(run("new URL('https://[::1]/').port")).toBe('443');
  });

  it('takes the hash from the last # and the search from the first ?', () => {
    expect(run("(u => [u.pathname, u.search, u.hash])(new URL('http://h/p?a=1?b#x#y'))")).toEqual(['/p', '?a=1?b#x', '#y']);
  });

  it('does no normalisation', () => {
    expect(run("(u => [u.host, u.pathname])(new URL('HTTP://A.B/%7e/../x'))")).toEqual(['A.B', '/%7e/../x']);
    expect(run("new URL('HTTP://A.B/').protocol")).toBe('HTTP:');
  });

  it('exposes searchParams, the same object on every read', () => {
    expect(run("(u => [u.searchParams.get('x'), u.searchParams === u.searchParams])(new URL('http://h/?x=1'))")).toEqual(['1', true]);
  });

  it('is read-only and has Pipy class tag', () => {
    expect(run("'' + new URL('http://h/')")).toBe('[object pipy::URL]');
    expect(errorOf("(u => u.host = 'x')(new URL('http://h/'))").errorName).toBe('TypeError');
    expect(run("Object.keys(new URL('http://h/'))")).toEqual([]);
  });

  it('checks its arguments', () => {
    expect(errorOf('new URL()').detail).toBe('requires 1 or more arguments');
    expect(errorOf('new URL(1)').detail).toBe('argument #1 expects a string');
    expect(errorOf("new URL('x', 2)").detail).toBe('argument #2 expects a string');
  });
});

describe('URLSearchParams', () => {
  it('parses repeated keys and keys without values (idea 88)', () => {
    expect(run("(p => [p.get('x'), p.getAll('x'), p.get('y'), p.get('z'), p.getAll('z')])(new URLSearchParams('x=1&x=2&y'))"))
      .toEqual(['1', ['1', '2'], '', null, []]);
  });

  it('encodes objects, one pair per array element (idea 88)', () => {
    expect(run("new URLSearchParams({a: 'x y', b: [1, 2]}).toString()")).toBe('a=x%20y&b=1&b=2');
    expect(run("new URLSearchParams({a: null, b: undefined, c: 'é'}).toString()")).toBe('c=%C3%A9');
  });

  it('%-decodes without turning + into a space (idea 88)', () => {
    expect(run("new URLSearchParams('b=x%20y+z').get('b')")).toBe('x y+z');
    expect(run("new URLSearchParams('?k%3D=%E2%82%AC&bad=%zz%4').toObject()")).toEqual({ 'k=': '€', bad: '%zz%4' });
  });

  it('sets, deletes and converts to an object', () => {
    const src = "(p => (p.set('a', null), p.set('b', ['1', 2]), p.set('c', 3), p.set('d', 'x'), [p.toObject(), p.toString(), '' + p]))(new URLSearchParams('a=1&d=0'))";
    expect(run(src)).toEqual([{ d: 'x', b: ['1', '2'], c: '3' }, 'd=x&b=1&b=2&c=3', 'd=x&b=1&b=2&c=3']);
  });

  it('accepts only strings and objects', () => {
    expect(errorOf('new URLSearchParams(1)').detail).toBe('argument #1 expects a string or an object');
  });

  it('percent-encodes all but the unreserved characters', () => {
    expect(percentEncode("a-_.~ !*'()/?")).toBe("a-_.~%20%21%2A%27%28%29%2F%3F");
    expect(percentDecode('%41%2b+%')).toBe('A++%');
  });
});
