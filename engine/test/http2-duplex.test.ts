// Full-duplex exchanges through demuxHTTP's HTTP/2 side (spec §5.6): an HTTP/2 client streams a large
// request body to an HTTP/1 backend that echoes it back as it reads it, while the client reads the
// echo as it arrives. The client's WINDOW_UPDATEs for the echo travel on the same connection as the
// upload, so back-pressure from the backend must never stop pipy from reading that connection (with
// HTTP/1 it cannot matter: TCP acknowledges without the application reading). And a backend that
// takes one stream's body late must not stall the connection's other streams. Every byte is checked
// (count and SHA-256); the backends run in a child process so that this event loop drives the client.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { connect as h2connect } from 'node:http2';
import type { ClientHttp2Session } from 'node:http2';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { freePort, codebase, freshPipyEach, expectBounded, seededBlock } from './helpers.js';

const MiB = 1024 * 1024;
const big = 64 * MiB;
/** How long the late backend leaves a body unread. */
const stallMs = 3000;


const blocks = Array.from({ length: 16 }, (_, i) => seededBlock(2463534242 ^ i));

/** What the client sends for a body of `bytes`, block by block. */
function* body(bytes: number): Generator<Buffer> {
  for (let i = 0; i * 65536 < bytes; i++) yield blocks[i % blocks.length];
}

function expected(bytes: number): string {
  const h = createHash('sha256');
  for (const b of body(bytes)) h.update(b);
  return `${bytes} ${h.digest('hex')}`;
}

/** An HTTP/1 backend: a POST is echoed as it is read (at once, or after the stall for `/late`), anything else is "small". */
const backendSource = `
const http = require('node:http');
const stall = Number(process.argv[1]);
const server = http.createServer((req, res) => {
  if (req.method !== 'POST') return req.resume(), res.end('small');
  if (req.url === '/late') setTimeout(() => req.pipe(res), stall);
  else req.pipe(res);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

function h2session(port: number): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const s = h2connect(`http://127.0.0.1:${port}`);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

/** A POST of `bytes` written as the stream takes it, its answer read as it comes: "count sha256" of the answer. */
function duplexPost(s: ClientHttp2Session, path: string, bytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = s.request({ ':method': 'POST', ':path': path });
    const h = createHash('sha256');
    let n = 0;
    req.on('data', (b: Buffer) => ((n += b.length), h.update(b)));
    req.on('end', () => resolve(`${n} ${h.digest('hex')}`));
    req.on('error', reject);
    const source = body(bytes);
    const next = (): void => {
      for (let r = source.next(); !r.done; r = source.next()) if (!req.write(r.value)) return void req.once('drain', next);
      req.end();
    };
    next();
  });
}

function h2text(s: ClientHttp2Session, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = s.request({ ':path': path });
    let text = '';
    req.on('data', (b) => (text += b));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

async function onSession<T>(port: number, fn: (s: ClientHttp2Session) => Promise<T>): Promise<T> {
  const s = await h2session(port);
  try {
    return await fn(s);
  } finally {
    s.close();
  }
}

describe('full-duplex HTTP/2 streams through demuxHTTP', () => {
  let backend: ChildProcess;
  let script: string;
  const p: Record<string, number> = {};

  beforeAll(async () => {
    backend = spawn(process.execPath, ['-e', backendSource, String(stallMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const echo = String(await new Promise((r) => backend.stdout!.once('data', r))).trim();
    for (const k of ['mux', 'direct']) p[k] = await freePort();
    // `mux`: every stream shares one HTTP/1 session upstream; `direct`: each stream connects on its own.
    script = join(codebase({}), 'main.js');
    writeFileSync(script, `pipy()
  .listen(${p.mux}).demuxHTTP('mux')
  .pipeline('mux').muxHTTP('up', '')
  .pipeline('up').connect('127.0.0.1:${echo}')
  .listen(${p.direct}).demuxHTTP('direct')
  .pipeline('direct').encodeHTTPRequest().connect('127.0.0.1:${echo}').decodeHTTPResponse()
`);
  }, 20_000);


  const fresh = freshPipyEach(() => script, () => new RegExp(`Listening on port ${p.direct}`));

  afterAll(() => {
    backend?.kill('SIGKILL');
  });

  const timed = (label: string, want: unknown, seconds: number, work: () => Promise<unknown>, limit = 96) =>
    expectBounded(fresh.current(), label, want, work, { limit, seconds });

  it('a 64 MiB body echoed by an HTTP/1 backend as it reads, each stream connecting on its own', async () => {
    await onSession(p.direct, (s) => timed('duplex, direct', expected(big), 15, () => duplexPost(s, '/echo', big)));
  }, 20_000);

  it('a 64 MiB body echoed by an HTTP/1 backend as it reads, through a shared muxHTTP session', async () => {
    await onSession(p.mux, (s) => timed('duplex, muxHTTP', expected(big), 15, () => duplexPost(s, '/echo', big)));
  }, 20_000);

  it('the shared muxHTTP session opened by another stream of the connection', async () => {
    // The session's connect belongs to the group of the stream that opened it; the stream feeding
    // it now is held by connect itself (as a feeder from outside its group).
    await onSession(p.mux, async (s) => {
      expect(await h2text(s, '/small')).toBe('small');
      await timed('duplex, muxHTTP opened by another stream', expected(big), 15, () => duplexPost(s, '/late', big));
    });
  }, 20_000);

  it('while one stream waits for a backend that reads late, another stream of the connection completes', async () => {
    await onSession(p.direct, async (s) => {
      let stalled = true;
      const upload = duplexPost(s, '/late', big).finally(() => (stalled = false));
      await new Promise((r) => setTimeout(r, 500));
      const t = Date.now();
      expect(await h2text(s, '/small')).toBe('small');
      console.log(`small beside a stalled upload: ${Date.now() - t} ms`);
      expect(Date.now() - t).toBeLessThan(1000);
      expect(stalled).toBe(true);
      expect(await upload).toBe(expected(big));
    });
  }, 20_000);
});
