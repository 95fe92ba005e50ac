// The HTTP/1 codec on byte fixtures: decoding heads and bodies, hardening against smuggling, and
// encoding with Pipy's header layout (spec §5.2, §5.3).

import { describe, it, expect } from 'vitest';
import { HttpDecoder } from '../codec/http/decoder.js';
import { HttpEncoder } from '../codec/http/encoder.js';

function decode(text: string, isResponse = false) {
  const events: unknown[] = [];
  const d = new HttpDecoder(isResponse, {
    head: (h) => events.push({ head: JSON.parse(JSON.stringify(h.head)), final: h.final }),
    body: (b) => events.push(b.toString()),
    end: () => events.push('END'),
    error: (r) => events.push(`ERROR ${r}`),
  });
  // Byte by byte too: the state machine must not depend on how reads are cut.
  for (const c of Buffer.from(text, 'latin1')) d.feed(Buffer.from([c]));
  d.close();
  return events;
}

function encode(isResponse: boolean, head: unknown, body: string[], opts = { final: false, bodiless: false }, size = 16384) {
  const out: Buffer[] = [];
  const e = new HttpEncoder(isResponse, size, (b) => out.push(b));
  e.start(head, opts);
  for (const b of body) e.data(Buffer.from(b));
  e.end();
  return Buffer.concat(out).toString();
}

describe('HTTP decoder', () => {
  it('decodes a request head with lower-cased names and keeps values', () => {
    const ev = decode('GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Multi:   spaced  \r\n\r\n');
    expect(ev).toEqual([{ head: { protocol: 'HTTP/1.1', headers: { host: 'x', 'x-multi': 'spaced  ' }, method: 'GET', path: '/a?b=1' }, final: false }, 'END']);
  });

  it('marks HTTP/1.0 and connection: close as final', () => {
    expect((decode('GET / HTTP/1.0\r\n\r\n')[0] as { final: boolean }).final).toBe(true);
    expect((decode('GET / HTTP/1.1\r\nconnection: close\r\n\r\n')[0] as { final: boolean }).final).toBe(true);
    expect((decode('GET / HTTP/1.0\r\nconnection: Keep-Alive\r\n\r\n')[0] as { final: boolean }).final).toBe(false);
  });

  it('decodes chunked and content-length bodies', () => {
    const chunked = decode('POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n3;x=y\r\nabc\r\n0\r\n\r\n');
    expect(chunked.filter((e) => typeof e === 'string').join('')).toBe('helloabcEND');
    const fixed = decode('POST / HTTP/1.1\r\ncontent-length: 3\r\n\r\nabcGET / HTTP/1.1\r\n\r\n');
    expect(fixed.filter((e) => e === 'END').length).toBe(2);
  });

  it('rejects smuggling vectors and bad chunk sizes', () => {
    const bad = [
      'POST / HTTP/1.1\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\n\r\n',
      'POST / HTTP/1.1\r\ncontent-length: 3\r\ncontent-length: 4\r\n\r\n',
      'POST / HTTP/1.1\r\ncontent-length: -1\r\n\r\n',
      'POST / HTTP/1.1\r\ncontent-length: 1x\r\n\r\n',
      'POST / HTTP/1.1\r\ntransfer-encoding: gzip, chunked\r\n\r\n',
      'POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n',
      'GET / HTTP/2.5\r\n\r\n',
      'GET / HTTP/1.1\r\nbad name: x\r\n\r\n',
    ];
    for (const b of bad) expect(decode(b).some((e) => typeof e === 'string' && e.startsWith('ERROR')), b).toBe(true);
  });

  it('decodes responses: the whole reason phrase, set-cookie arrays, body until close', () => {
    const ev = decode('HTTP/1.1 404 Not Found\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n\r\nhello until close', true);
    expect(ev[0]).toEqual({ head: { protocol: 'HTTP/1.1', headers: { 'set-cookie': ['a=1', 'b=2'] }, status: 404, statusText: 'Not Found' }, final: false });
    expect(ev.slice(1).join('')).toBe('hello until closeEND');
  });
});

describe('HTTP encoder', () => {
  it('writes content-length and keep-alive after the script headers, names as given', () => {
    expect(encode(true, { status: 200, headers: { 'X-N': 1 } }, ['x'])).toBe('HTTP/1.1 200 OK\r\nX-N: 1\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx');
  });

  it('status texts and 204', () => {
    expect(encode(true, { status: 499 }, [])).toMatch(/^HTTP\/1.1 499 OK\r\n/);
    expect(encode(true, { status: 404, statusText: 'Nope' }, [])).toMatch(/^HTTP\/1.1 404 Nope\r\n/);
    expect(encode(true, { status: 204 }, [])).toBe('HTTP/1.1 204 No Content\r\n\r\n');
  });

  it('switches to chunked past the buffer size', () => {
    const body = 'a'.repeat(20000);
    const text = encode(true, { headers: { 'content-type': 'text/plain' } }, [body]);
    expect(text).toBe(`HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\nconnection: keep-alive\r\n\r\n4E20\r\n${body}\r\n0\r\n\r\n`);
    expect(encode(true, {}, ['b'.repeat(16384)])).toMatch(/content-length: 16384/);
  });

  it('final responses say close; HEAD responses have a length but no body', () => {
    expect(encode(true, {}, ['hi'], { final: true, bodiless: false })).toBe('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nhi');
    expect(encode(true, {}, ['Hi, there!\n'], { final: false, bodiless: true })).toBe('HTTP/1.1 200 OK\r\ncontent-length: 11\r\nconnection: keep-alive\r\n\r\n');
  });

  it('drops framing headers from scripts and never lets a value split the head', () => {
    const text = encode(false, { method: 'GET', path: '/abc', headers: { host: 'h', connection: 'x', 'transfer-encoding': 'y', evil: 'a\r\nb' } }, []);
    expect(text).toBe('GET /abc HTTP/1.1\r\nhost: h\r\nevil: a b\r\ncontent-length: 0\r\nconnection: keep-alive\r\n\r\n');
  });
});
