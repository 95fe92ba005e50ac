// compressHTTP / compressMessage / decompressHTTP / decompressMessage (spec §4.5) with curl and
// fetch as clients: gzip, deflate and brotli bodies both ways, streaming bodies larger than one zlib
// chunk, and a gzip bomb that is cut at the decompression cap while pipy stays up.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { request, createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createH2Server } from 'node:http2';
import type { Http2Server } from 'node:http2';
import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import { join } from 'node:path';
import { startPipy, freePort, codebase } from './helpers.js';
import type { Running } from './helpers.js';

const run = promisify(execFile);
const text = Array.from({ length: 5000 }, (_, i) => `line ${i} of a compressible body\n`).join('');

function post(port: number, body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: string } | Error> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let b = '';
      res.on('data', (c) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: b }));
      res.on('error', resolve);
    });
    req.on('error', resolve);
    req.end(body);
  });
}

describe('compression filters', () => {
  let pipy: Running;
  const p: Record<string, number> = {};

  beforeAll(async () => {
    for (const k of ['gzip', 'deflate', 'brotli', 'off', 'inflate', 'raw', 'fn', 'empty']) p[k] = await freePort();
    const respond = `.replaceMessage(new Message({ status: 200, headers: { 'content-type': 'text/plain' } }, pipy.load('body.txt')))`;
    const size = `.replaceMessage('1m', m => new Message('size=' + m.body.size + ' enc=' + m.head.headers['content-encoding'] + ' tail=' + m.body.toString().slice(-12).trim()))`;
    const dir = codebase({
      'body.txt': text,
      'main.js': `pipy()
  .listen(${p.gzip}).demuxHTTP('gzip')
  .listen(${p.deflate}).demuxHTTP('deflate')
  .listen(${p.brotli}).demuxHTTP('brotli')
  .listen(${p.off}).demuxHTTP('off')
  .listen(${p.inflate}).demuxHTTP('inflate')
  .listen(${p.raw}).demuxHTTP('raw')
  .listen(${p.fn}).demuxHTTP('fn')
  .listen(${p.empty}).demuxHTTP('empty')
  .pipeline('empty').replaceMessage(new Message({ status: 304, headers: { etag: 'x' } })).compressHTTP()
  .pipeline('gzip')${respond}.compressHTTP()
  .pipeline('deflate')${respond}.compressHTTP({ method: 'deflate', level: 'best' })
  .pipeline('brotli')${respond}.compressHTTP({ method: 'brotli', level: 'speed' })
  .pipeline('off')${respond}.compressHTTP({ enabled: false })
  .pipeline('inflate').decompressHTTP()${size}
  .pipeline('raw').compressMessage({ method: 'deflate' }).decompressMessage('inflate')${size}
  .pipeline('fn').decompressMessage(msg => msg.head.headers['x-alg'])${size}
`,
    });
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${p.fn}`));
  });

  afterAll(async () => {
    await pipy.stop();
  });

  for (const method of ['gzip', 'deflate', 'brotli']) {
    it(`compressHTTP with ${method}: curl --compressed and fetch read it back`, async () => {
      const r = await run('curl', ['-s', '--compressed', '-D', '-', `http://127.0.0.1:${p[method]}/`], { maxBuffer: 1 << 24 });
      const [head, body] = r.stdout.split('\r\n\r\n');
      expect(head).toContain(`content-encoding: ${method === 'brotli' ? 'br' : method}`);
      expect(body).toBe(text);
      const f = await fetch(`http://127.0.0.1:${p[method]}/`);
      expect(await f.text()).toBe(text);
      const raw = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{size_download}', `http://127.0.0.1:${p[method]}/`]);
      expect(Number(raw.stdout)).toBeLessThan(text.length / 5);
    });
  }

  it('compressHTTP leaves a message without body alone (304 keeps its head)', async () => {
    const r = await run('curl', ['-s', '-D', '-', `http://127.0.0.1:${p.empty}/`]);
    expect(r.stdout).toMatch(/^HTTP\/1.1 304 Not Modified\r\netag: x\r\ncontent-length: 0\r\n/);
    expect(r.stdout).not.toContain('content-encoding');
  });

  it('compressHTTP({enabled: false}) passes the body as it is', async () => {
    const r = await run('curl', ['-s', '-D', '-', `http://127.0.0.1:${p.off}/`], { maxBuffer: 1 << 24 });
    expect(r.stdout).not.toContain('content-encoding');
    expect(r.stdout.endsWith(text)).toBe(true);
  });

  it('decompressHTTP inflates gzip, deflate and br request bodies and drops content-encoding', async () => {
    const sum = 'ssible body';
    for (const [enc, body] of [['gzip', gzipSync(text)], ['deflate', deflateSync(text)], ['br', brotliCompressSync(text)]] as const) {
      const r = await post(p.inflate, body, { 'content-encoding': enc });
      expect(r).toEqual({ status: 200, body: `size=${text.length} enc=undefined tail=${sum}` });
    }
    const plain = await post(p.inflate, Buffer.from('plain'), {});
    expect(plain).toMatchObject({ body: expect.stringMatching(/^size=5 /) });
  });

  it('compressMessage then decompressMessage round-trips; the algorithm may come from a function', async () => {
    const sum = 'ssible body';
    expect(await post(p.raw, Buffer.from(text), {})).toMatchObject({ body: `size=${text.length} enc=undefined tail=${sum}` });
    expect(await post(p.fn, brotliCompressSync(text), { 'x-alg': 'brotli' })).toMatchObject({ body: expect.stringContaining(`size=${text.length} `) });
  });

  it('cuts a gzip bomb at the decompression cap and keeps serving', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const r = await post(p.inflate, bomb, { 'content-encoding': 'gzip' });
    expect(r instanceof Error || !(r.body.startsWith('size=2097'))).toBe(true);
    await pipy.waitFor(/\[decompress\] body exceeds the limit/);
    const ok = await post(p.inflate, gzipSync('fine'), { 'content-encoding': 'gzip' });
    expect(ok).toMatchObject({ status: 200, body: expect.stringMatching(/^size=4 /) });
  });
});

/** What `p` gives, or an Error after `limitMs`: a hang fails the test instead of timing it out. */
async function within<T>(p: Promise<T>, limitMs = 5000): Promise<T | Error> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Error>((r) => (timer = setTimeout(() => r(new Error(`no answer in ${limitMs} ms`)), limitMs)));
  const r = await Promise.race([p, late]);
  clearTimeout(timer);
  return r;
}

/** A POST's answer and how long it took. */
async function timedPost(port: number, body: Buffer, headers: Record<string, string>): Promise<{ ms: number; r: Awaited<ReturnType<typeof post>> }> {
  const t = Date.now();
  const r = await within(post(port, body, headers));
  return { ms: Date.now() - t, r };
}

/** Answers every request with the size of the body it received. */
function countBody(req: NodeJS.ReadableStream, res: { end(s: string): void }): void {
  let n = 0;
  req.on('data', (c: Buffer) => (n += c.length));
  req.on('end', () => res.end(`got ${n}`));
  req.on('error', () => {});
}

describe('decompression cap in front of muxHTTP', () => {
  let pipy: Running;
  let h1: Server;
  let h2: Http2Server;
  const p: Record<string, number> = {};
  const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 });

  beforeAll(async () => {
    for (const k of ['v1', 'v2', 'h1', 'h2']) p[k] = await freePort();
    h1 = createServer(countBody).listen(p.h1, '127.0.0.1');
    h2 = createH2Server(countBody).listen(p.h2, '127.0.0.1');
    const dir = codebase({
      'main.js': `pipy()
  .listen(${p.v1}).demuxHTTP('v1')
  .listen(${p.v2}).demuxHTTP('v2')
  .pipeline('v1').decompressHTTP().muxHTTP('up1', '')
  .pipeline('v2').decompressHTTP().muxHTTP('up2', '', { version: 2 })
  .pipeline('up1').connect('127.0.0.1:${p.h1}')
  .pipeline('up2').connect('127.0.0.1:${p.h2}')
`,
    });
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${p.v2}`));
  });

  afterAll(async () => {
    await pipy.stop();
    h1.close();
    h2.close();
  });

  // The cut request used to keep the session's sender slot: the client waited until it gave up, and
  // every request of the same key queued behind it.
  for (const v of ['v1', 'v2']) {
    it(`${v}: a gzip bomb gets a prompt 413 while another connection is answered normally`, async () => {
      const cut = timedPost(p[v], bomb, { 'content-encoding': 'gzip' });
      await new Promise((r) => setTimeout(r, 50));
      const fine = timedPost(p[v], gzipSync('fine'), { 'content-encoding': 'gzip' });
      const [a, b] = await Promise.all([cut, fine]);
      expect(a.r).toEqual({ status: 413, body: '' });
      expect(a.ms).toBeLessThan(3000);
      expect(b.r).toEqual({ status: 200, body: 'got 4' });
      expect(b.ms).toBeLessThan(3000);
      const again = await post(p[v], gzipSync('again'), { 'content-encoding': 'gzip' });
      expect(again).toEqual({ status: 200, body: 'got 5' });
    });
  }

  it('v1: a request half sent when the bomb is cut starts over on a new upstream connection', async () => {
    const cut = timedPost(p.v1, bomb, { 'content-encoding': 'gzip' });
    const answer = within(new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: p.v1, method: 'POST', path: '/' }, (res) => {
        let b = '';
        res.on('data', (c) => (b += c));
        res.on('end', () => resolve(`${res.statusCode} ${b}`));
      });
      req.on('error', (e) => resolve(e.message));
      setTimeout(() => req.write('first half, '), 50);
      void cut.then(() => req.end('second half'));
    }));
    expect((await cut).r).toMatchObject({ status: 413 });
    expect(await answer).toBe('200 got 23');
  });
});
