// Back-pressure through HTTP/2 (spec §5.6): large bodies cross demuxHTTP and muxHTTP `{version: 2}`
// towards a peer that reads late, or whose whole connection stalls while its flow-control windows
// would allow all of the body, and the proxy's memory stays far below the size of the body. One
// connection carries many streams, so a stalled stream must hold back only what feeds it: another
// stream of the same connection still completes meanwhile, and a reset stream lets go of what it
// held. Every byte is checked (count and SHA-256). Each case gets a fresh proxy; the backends run
// in a child process so that this process's event loop only drives the clients.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { connect as h2connect, constants } from 'node:http2';
import type { ClientHttp2Session } from 'node:http2';
import { request } from 'node:http';
import { createServer, connect as netConnect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { freePort, codebase, freshPipyEach, expectBounded, seededBlock } from './helpers.js';

const MiB = 1024 * 1024;
const total = 256 * MiB;
/** How long a slow peer leaves a stream unread before taking it all. */
const stallMs = 1500;
/** Flow-control windows of the test's HTTP/2 peers: a browser's order of size, so a case takes seconds. */
const streamWindow = 4 * MiB;
const connectionWindow = 16 * MiB;


/** Block `i` of every test stream: the base block stamped with its number. */
function block(base: Buffer, i: number): Buffer {
  const b = Buffer.from(base);
  b.writeUInt32BE(i, (i * 97) % 65000);
  return b;
}

/** Writes `bytes` of blocks, waiting for 'drain' when the writer asks, then ends. */
function pump(w: { write(b: Buffer): boolean; once(e: 'drain', f: () => void): unknown; end(): unknown }, base: Buffer, bytes: number): void {
  let i = 0;
  const next = () => {
    while (i * base.length < bytes) if (!w.write(block(base, i++))) return void w.once('drain', next);
    w.end();
  };
  next();
}

/** Leaves `r` unread for `wait` ms, then hashes all of it into `h`: calls back with "count sha256". */
function hashLater(r: Readable, wait: number, h: Hash, done: (answer: string) => void): void {
  r.pause();
  setTimeout(() => {
    let n = 0;
    r.on('data', (b: Buffer) => ((n += b.length), h.update(b)));
    r.on('end', () => done(`${n} ${h.digest('hex')}`));
    r.resume();
  }, wait);
}

const base = seededBlock(2463534242);

/** What a peer should receive for a stream of `bytes`: "count sha256". */
function expected(bytes: number): string {
  const h = createHash('sha256');
  for (let i = 0; i * base.length < bytes; i++) h.update(block(base, i));
  return `${bytes} ${h.digest('hex')}`;
}

/**
 * One child process, four backends. `source` (HTTP/1) and `h2source` (HTTP/2) answer a GET of
 * `/big?size` with `size` bytes of blocks, anything else with "small". `h2sink` (HTTP/2) reads a
 * `/big` request body only after the stall, any other at once, and answers "count sha256"; so do
 * `source` for every POST, after the stall, and `h2wide`, at once but with windows as large as
 * HTTP/2 allows (it is reached through a relay that stalls).
 */
const backendSource = `
const http = require('node:http'), http2 = require('node:http2');
const { createHash } = require('node:crypto');
${seededBlock.toString()}
${block.toString()}
${pump.toString()}
${hashLater.toString()}
const base = seededBlock(2463534242);
const [stall, streamWindow, connectionWindow] = process.argv.slice(1).map(Number);
const settings = { initialWindowSize: streamWindow };
const widen = (s) => s.setLocalWindowSize(connectionWindow);
const sizeOf = (path) => Number(path.split('?')[1]);
const source = http.createServer((req, res) => {
  if (req.method === 'POST') return hashLater(req, stall, createHash('sha256'), (r) => res.end(r));
  req.resume();
  if (!req.url.startsWith('/big')) return res.end('small');
  res.writeHead(200, { 'content-length': sizeOf(req.url) });
  pump(res, base, sizeOf(req.url));
});
const h2source = http2.createServer({ settings }).on('session', widen).on('stream', (st, h) => {
  st.on('error', () => {});
  if (!h[':path'].startsWith('/big')) return st.respond({ ':status': 200 }), st.end('small');
  st.respond({ ':status': 200 });
  pump(st, base, sizeOf(h[':path']));
});
const sink = (wait) => (st, h) => {
  st.on('error', () => {});
  hashLater(st, h[':path'] === '/big' ? wait : 0, createHash('sha256'), (r) => (st.respond({ ':status': 200 }), st.end(r)));
};
const h2sink = http2.createServer({ settings }).on('session', widen).on('stream', sink(stall));
const huge = 2 ** 31 - 1;
const h2wide = http2.createServer({ settings: { initialWindowSize: huge } }).on('session', (s) => s.setLocalWindowSize(huge)).on('stream', sink(0));
const servers = [source, h2source, h2sink, h2wide];
let listening = 0;
for (const s of servers) s.listen(0, '127.0.0.1', () => {
  if (++listening === servers.length) console.log(servers.map((x) => x.address().port).join(' '));
});
`;

/** A session to pipy with prior knowledge, with the test's windows unless told. */
function h2session(port: number, windows = { stream: streamWindow, connection: connectionWindow }): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const s = h2connect(`http://127.0.0.1:${port}`, { settings: { initialWindowSize: windows.stream } });
    s.once('connect', () => (s.setLocalWindowSize(windows.connection), resolve(s)));
    s.once('error', reject);
  });
}

/** Runs `fn` on a new session to `port`, closed after. */
async function onSession<T>(port: number, fn: (s: ClientHttp2Session) => Promise<T>, windows?: { stream: number; connection: number }): Promise<T> {
  const s = await h2session(port, windows);
  try {
    return await fn(s);
  } finally {
    s.close();
  }
}

/**
 * A TCP relay to `port` that stops taking what pipy sends for `stallMs` once `after` bytes came, so
 * that pipy's socket backs up while the peer still has window to give. Pipy is the `server` at
 * `port`, or the `client` of the relay.
 */
async function stallingRelay(port: number, after: number, pipy: 'server' | 'client'): Promise<{ port: number; close(): void }> {
  const relay = createServer((c) => {
    const u = netConnect(port, '127.0.0.1');
    const [from, to] = pipy === 'server' ? [u, c] : [c, u];
    let n = 0;
    to.on('data', (b) => from.write(b));
    from.on('data', (b) => {
      to.write(b);
      if (n < after && (n += b.length) >= after) (from.pause(), setTimeout(() => from.resume(), stallMs));
    });
    for (const x of [c, u]) x.on('error', () => (c.destroy(), u.destroy()));
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  return { port: (relay.address() as AddressInfo).port, close: () => relay.close() };
}

/** GET on an open session; the body is left unread for `wait` ms; resolves with "count sha256". */
function h2get(s: ClientHttp2Session, path: string, wait = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = s.request({ ':path': path });
    req.on('error', reject);
    hashLater(req, wait, createHash('sha256'), resolve);
  });
}

/** A POST of `bytes` of blocks on an open session; resolves with the answer. */
function h2post(s: ClientHttp2Session, path: string, bytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = s.request({ ':method': 'POST', ':path': path });
    let answer = '';
    req.on('data', (b) => (answer += b));
    req.on('end', () => resolve(answer));
    req.on('error', reject);
    pump(req, base, bytes);
  });
}

/** An HTTP/1 GET whose body is left unread for `wait` ms; resolves with "count sha256" of it. */
function h1get(port: number, path: string, wait = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false });
    req.on('response', (res: IncomingMessage) => hashLater(res, wait, createHash('sha256'), resolve));
    req.on('error', reject);
    req.end();
  });
}

/** An HTTP/1 POST of `bytes` of blocks; resolves with the answer. */
function h1post(port: number, path: string, bytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, agent: false, headers: { 'content-length': String(bytes) } });
    req.on('response', (res: IncomingMessage) => {
      let answer = '';
      res.on('data', (b) => (answer += b));
      res.on('end', () => resolve(answer));
    });
    req.on('error', reject);
    pump(req, base, bytes);
  });
}

/** "count sha256" of a small text body. */
function textHash(text: string): string {
  return `${text.length} ${createHash('sha256').update(text).digest('hex')}`;
}

describe('back-pressure through HTTP/2', () => {
  let backend: ChildProcess;
  let script: string;
  let relay: { port: number; close(): void };
  const p: Record<string, number> = {};

  beforeAll(async () => {
    const dir = codebase({});
    backend = spawn(process.execPath, ['-e', backendSource, String(stallMs), String(streamWindow), String(connectionWindow)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [source, h2source, h2sink, h2wide] = String(await new Promise((r) => backend.stdout!.once('data', r))).trim().split(' ');
    for (const k of ['h1up', 'h2sink', 'h2up', 'h2wide']) p[k] = await freePort();
    relay = await stallingRelay(Number(h2wide), 8 * MiB, 'client');
    // Each path has its own HTTP/1 session upstream, so that only HTTP/2 ties the streams together.
    script = join(dir, 'main.js');
    writeFileSync(script, `pipy({ _path: '' })
  .listen(${p.h1up}).demuxHTTP('h1up')
  .listen(${p.h2sink}).demuxHTTP('h2sink')
  .listen(${p.h2up}).demuxHTTP('h2up')
  .pipeline('h1up').handleMessageStart(msg => _path = msg.head.path).muxHTTP('source', () => _path)
  .pipeline('source').connect('127.0.0.1:${source}')
  .pipeline('h2sink').muxHTTP('sink', '', { version: 2 })
  .pipeline('sink').connect('127.0.0.1:${h2sink}')
  .listen(${p.h2wide}).demuxHTTP('h2wide')
  .pipeline('h2wide').muxHTTP('wide', '', { version: 2 })
  .pipeline('wide').connect('127.0.0.1:${relay.port}')
  .pipeline('h2up').muxHTTP('h2source', '', { version: 2 })
  .pipeline('h2source').connect('127.0.0.1:${h2source}')
`);
  }, 20_000);


  const fresh = freshPipyEach(() => script, () => new RegExp(`Listening on port ${p.h2up}`));

  afterAll(() => {
    relay?.close();
    backend?.kill('SIGKILL');
  });

  const bounded = (label: string, want: unknown, work: () => Promise<unknown>, limit = 96) => expectBounded(fresh.current(), label, want, work, { limit });

  it('demuxHTTP: a 256 MiB response from an HTTP/1 backend to an HTTP/2 client that reads late', async () => {
    await onSession(p.h1up, (s) => bounded('h2 download from HTTP/1', expected(total), () => h2get(s, `/big?${total}`, stallMs)));
  }, 30_000);

  it('muxHTTP version 2: a 256 MiB request body from an HTTP/1 client to an HTTP/2 backend that reads late', async () => {
    await bounded('h2 upload from HTTP/1', expected(total), () => h1post(p.h2sink, '/big', total));
  }, 30_000);

  it('muxHTTP version 2: a 256 MiB response from an HTTP/2 backend to an HTTP/1 client that reads late', async () => {
    // Another client opens the upstream session first: the slow client's stream is one of its streams.
    expect(await h1get(p.h2up, '/small')).toBe(textHash('small'));
    await bounded('h2 download to HTTP/1', expected(total), () => h1get(p.h2up, `/big?${total}`, stallMs));
  }, 30_000);

  it('demuxHTTP: a 256 MiB request body from an HTTP/2 client to an HTTP/1 backend that reads late', async () => {
    await onSession(p.h1up, (s) => bounded('h2 upload to HTTP/1', expected(total), () => h2post(s, '/big', total)));
  }, 30_000);

  it('demuxHTTP and muxHTTP version 2: a 256 MiB request body between HTTP/2 peers, the backend reading late', async () => {
    await onSession(p.h2sink, (s) => bounded('h2 upload to h2', expected(total), () => h2post(s, '/big', total)));
  }, 30_000);

  it('demuxHTTP: a 256 MiB response to an HTTP/2 client whose whole connection stalls, its windows as large as the body', async () => {
    // The peer's windows allow all of it: only the congested socket can stop the session.
    const windows = { stream: total, connection: total };
    const relay = await stallingRelay(p.h1up, 8 * MiB, 'server');
    try {
      await onSession(relay.port, (s) => bounded('h2 download, connection stalled', expected(total), () => h2get(s, `/big?${total}`)), windows);
    } finally {
      relay.close();
    }
  }, 30_000);

  it('muxHTTP version 2: a 256 MiB request body to an HTTP/2 backend whose whole connection stalls, its windows as large as the body', async () => {
    // Another client opens the upstream session first: the uploading client is not of its group.
    expect(await h1post(p.h2wide, '/small', 64 * 1024)).toBe(expected(64 * 1024));
    await bounded('h2 upload, connection stalled', expected(total), () => h1post(p.h2wide, '/big', total));
  }, 30_000);

  it('demuxHTTP: while one stream of a connection is stalled, another completes', async () => {
    await onSession(p.h1up, async (s) => {
      let stalled = true;
      const big = h2get(s, `/big?${64 * MiB}`, stallMs).finally(() => (stalled = false));
      await new Promise((r) => setTimeout(r, 300));
      expect(await h2get(s, '/small')).toBe(textHash('small'));
      expect(stalled).toBe(true);
      expect(await big).toBe(expected(64 * MiB));
    });
  }, 30_000);

  it('demuxHTTP: a stalled stream the client resets lets go of the backend connection it held back', async () => {
    // The same path, so the same HTTP/1 session upstream: the second response waits behind the first.
    const path = `/big?${64 * MiB}`;
    await onSession(p.h1up, async (s) => {
      const req = s.request({ ':path': path });
      req.on('error', () => {});
      req.pause();
      await new Promise((r) => setTimeout(r, 500));
      req.close(constants.NGHTTP2_CANCEL);
      expect(await h2get(s, path)).toBe(expected(64 * MiB));
    });
  }, 15_000);

  it('muxHTTP version 2: while one stream of the upstream connection is stalled, another completes', async () => {
    let stalled = true;
    const big = h1post(p.h2sink, '/big', 64 * MiB).finally(() => (stalled = false));
    await new Promise((r) => setTimeout(r, 300));
    expect(await h1post(p.h2sink, '/small', 64 * 1024)).toBe(expected(64 * 1024));
    expect(stalled).toBe(true);
    expect(await big).toBe(expected(64 * MiB));
  }, 30_000);
});
