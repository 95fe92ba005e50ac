// End to end through bin/pipy: the hello script and serveHTTP's connection handling (spec §12 1–8),
// malformed requests, and script errors that end one stream only.

import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startPipy, freePort, codebase, rawExchange, repoRoot } from './helpers.js';
import type { Running } from './helpers.js';

const hello = 'HTTP/1.1 200 OK\r\ncontent-length: 11\r\nconnection: keep-alive\r\n\r\nHi, there!\n';

describe('serveHTTP through bin/pipy', () => {
  let pipy: Running;
  let port: number;
  let echo: number;
  let boom: number;

  beforeAll(async () => {
    [port, echo, boom] = [await freePort(), await freePort(), await freePort()];
    const dir = codebase({
      'main.js': `pipy()
  .listen(${port})
  .serveHTTP(new Message('Hi, there!\\n'))
  .listen(${echo})
  .serveHTTP(msg => new Message(msg.body))
  .listen(${boom})
  .serveHTTP(msg => msg.head.path === '/boom' ? new Message(undefinedVar.foo) : new Message('ok'))
`,
    });
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${boom}`));
  });

  afterAll(() => pipy.stop());

  it('curl gets the exact hello response', () => {
    const out = execFileSync('curl', ['-si', `http://127.0.0.1:${port}/`]).toString();
    expect(out).toBe(hello);
  });

  it('keeps HTTP/1.1 connections open and closes HTTP/1.0 and connection: close', async () => {
    expect(await rawExchange(port, 'GET / HTTP/1.1\r\n\r\n')).toEqual({ text: hello, closed: false });
    const h10 = await rawExchange(port, 'GET / HTTP/1.0\r\n\r\n');
    expect(h10).toEqual({ text: hello.replace('keep-alive', 'close'), closed: true });
    const close = await rawExchange(port, 'GET / HTTP/1.1\r\nconnection: close\r\n\r\n');
    expect(close.closed).toBe(true);
    const ka10 = await rawExchange(port, 'GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n');
    expect(ka10).toEqual({ text: hello, closed: false });
  });

  it('answers pipelined requests in order, HEAD without a body', async () => {
    const r = await rawExchange(port, 'GET / HTTP/1.1\r\n\r\nHEAD / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n');
    expect(r.text).toBe(hello + hello.replace('Hi, there!\n', '') + hello);
  });

  it('echoes chunked and large bodies', async () => {
    const chunked = await rawExchange(echo, 'POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n');
    expect(chunked.text).toBe('HTTP/1.1 200 OK\r\ncontent-length: 8\r\nconnection: keep-alive\r\n\r\nhelloabc');
    const big = 'x'.repeat(3 * 1024 * 1024);
    const res = await fetch(`http://127.0.0.1:${echo}/`, { method: 'POST', body: big });
    expect((await res.text()).length).toBe(big.length);
  });

  it('answers malformed requests with 400 and closes, while other connections go on', async () => {
    const bad = [
      'POST / HTTP/1.1\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\n\r\nabc',
      'POST / HTTP/1.1\r\ncontent-length: 3\r\ncontent-length: 5\r\n\r\nabc',
      'POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\nnope\r\n',
      'GARBAGE\r\n\r\n',
    ];
    for (const b of bad) {
      const r = await rawExchange(echo, b);
      expect(r.text).toMatch(/^HTTP\/1.1 400 Bad Request\r\n[^]*connection: close\r\n/);
      expect(r.closed).toBe(true);
    }
    expect(await rawExchange(port, 'GET / HTTP/1.1\r\n\r\n')).toEqual({ text: hello, closed: false });
  });

  it('a script error in a callback is logged and ends nothing but that request', async () => {
    const r = await rawExchange(boom, 'GET /boom HTTP/1.1\r\n\r\n');
    expect(r).toEqual({ text: '', closed: false });
    expect(pipy.stderr()).toMatch(/\[ERR\] \[pjs\] Error: .*undefinedVar/);
    expect(pipy.stderr()).toMatch(/\[ERR\] \[pjs\] Backtrace:/);
    const ok = await rawExchange(boom, 'GET /fine HTTP/1.1\r\n\r\n');
    expect(ok.text).toMatch(/\r\n\r\nok$/);
    expect(pipy.proc.exitCode).toBe(null);
  });
});

describe('the tutorial hello script', () => {
  it('says Hi, there! on port 8080 (npm start)', async () => {
    const pipy = startPipy([join(repoRoot, 'tutorial/01-hello/hello.js')]);
    try {
      await pipy.waitFor(/Listening on port 8080 at 0.0.0.0/);
      expect(execFileSync('curl', ['-s', 'http://localhost:8080']).toString()).toBe('Hi, there!\n');
      expect(pipy.stderr()).toContain('[INF] [config] Module /hello.js');
    } finally {
      await pipy.stop();
    }
  });
});
