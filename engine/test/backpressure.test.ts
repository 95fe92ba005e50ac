// Back-pressure across stages with buffers of their own (node:tls sockets, node:zlib transforms, a
// connect still waiting for its connection):
// large streams pass acceptTLS, connectTLS, compressHTTP and decompressHTTP towards a peer that
// is slow at first (to read, or to finish a TLS handshake), and the proxy's memory stays far below
// the size of the stream. Every byte is checked (count and SHA-256). Each case gets a fresh proxy;
// the backends run in a child process so that this process's event loop only drives the clients.

import { describe, it, beforeAll, afterAll } from 'vitest';
import { request } from 'node:http';
import { connect as tlsConnect } from 'node:tls';
import { connect as netConnect, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { freePort, codebase, freshPipyEach, expectBounded } from './helpers.js';

const MiB = 1024 * 1024;
const blockSize = 64 * 1024;
/** How long a slow peer leaves the stream unread before taking it all. */
const stallMs = 1500;

/** Block `i` of every test stream: compressible text (8 KiB period), stamped with its number. */
function block(i: number): Buffer {
  const words = ['pipy', 'proxy', 'stream', 'flow', 'back', 'pressure', 'tls', 'zlib'];
  let x = 7;
  let s = '';
  while (s.length < 8192) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += words[x >>> 29] + ' ';
  }
  const b = Buffer.from(s.slice(0, 8192).repeat(8));
  b.writeUInt32BE(i, (i * 97) % 65000);
  return b;
}

/** What a peer should receive for a stream of `bytes`: "count sha256". */
function expected(bytes: number): string {
  const h = createHash('sha256');
  for (let i = 0; i * blockSize < bytes; i++) h.update(block(i));
  return `${bytes} ${h.digest('hex')}`;
}

/**
 * One child process, three backends: `source` streams blocks to whoever connects; `tls-sink` and
 * `http-sink` wait, then read everything (gunzipping a gzip request body) and answer "count sha256".
 * `tls-sink` is slow to handshake too; `http-sink` waits before the first request of a connection.
 */
const backendSource = `
const net = require('node:net'), tls = require('node:tls'), http = require('node:http');
const zlib = require('node:zlib'), fs = require('node:fs'), path = require('node:path');
const { createHash } = require('node:crypto');
${block.toString()}
const [dir, total, stall] = process.argv.slice(1).map((a, i) => (i ? Number(a) : a));
function hashAfterStall(stream, wait, done) {
  stream.pause();
  setTimeout(() => {
    const h = createHash('sha256');
    let n = 0;
    stream.on('data', (b) => { n += b.length; h.update(b); });
    stream.on('end', () => done(n + ' ' + h.digest('hex')));
    stream.resume();
  }, wait);
}
const source = net.createServer((s) => {
  s.on('error', () => {});
  s.resume();
  let i = 0;
  const pump = () => {
    while (i * ${blockSize} < total) if (!s.write(block(i++))) return void s.once('drain', pump);
    s.end();
  };
  pump();
});
const creds = { cert: fs.readFileSync(path.join(dir, 'cert.pem')), key: fs.readFileSync(path.join(dir, 'key.pem')) };
const slowHello = (name, cb) => setTimeout(() => cb(null, tls.createSecureContext(creds)), stall);
const tlsSink = tls.createServer({ ...creds, SNICallback: slowHello }, (s) => hashAfterStall(s, stall, (r) => s.end(r)));
const httpSink = http.createServer((req, res) => {
  const enc = req.headers['content-encoding'] || '-';
  const wait = req.socket.stalled ? 0 : stall;
  req.socket.stalled = true;
  hashAfterStall(enc === 'gzip' ? req.pipe(zlib.createGunzip()) : req, wait, (r) => res.end(r + ' ' + enc));
});
let listening = 0;
for (const s of [source, tlsSink, httpSink]) s.listen(0, '127.0.0.1', () => {
  if (++listening === 3) console.log([source, tlsSink, httpSink].map((x) => x.address().port).join(' '));
});
`;

/** Writes `bytes` of blocks, waiting for 'drain' when the socket asks, then ends. */
function pumpBlocks(w: { write(b: Buffer): boolean; once(e: 'drain', f: () => void): unknown; end(): unknown }, bytes: number): void {
  let i = 0;
  const pump = () => {
    while (i * blockSize < bytes) if (!w.write(block(i++))) return void w.once('drain', pump);
    w.end();
  };
  pump();
}

/** Hashes everything `s` sends once `stallMs` has passed; resolves with "count sha256" at its end. */
function readAfterStall(s: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    s.on('error', reject);
    setTimeout(() => {
      const h = createHash('sha256');
      let n = 0;
      s.on('data', (b: Buffer) => (n += b.length, h.update(b)));
      s.on('end', () => resolve(`${n} ${h.digest('hex')}`));
    }, stallMs);
  });
}

/** Sends `bytes` of blocks over a plain connection and half-closes; resolves with the answer. */
function upload(port: number, bytes: number): Promise<string> {
  const s = netConnect(port, '127.0.0.1');
  pumpBlocks(s, bytes);
  return new Promise<string>((resolve, reject) => {
    let text = '';
    s.on('data', (b) => (text += b));
    s.on('end', () => resolve(text));
    s.on('error', reject);
  });
}

/** A POST of `bytes` of blocks; resolves with the answer. */
function post(port: number, bytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-length': String(bytes) } }, (res) => {
      let answer = '';
      res.on('data', (b) => (answer += b));
      res.on('end', () => resolve(answer));
    });
    req.on('error', reject);
    pumpBlocks(req, bytes);
  });
}

describe('back-pressure through TLS and zlib stages', () => {
  const total = 256 * MiB;
  let backend: ChildProcess;
  let script: string;
  const p: Record<string, number> = {};

  beforeAll(async () => {
    const dir = codebase({});
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=localhost'], { cwd: dir, stdio: 'ignore' });
    backend = spawn(process.execPath, ['-e', backendSource, dir, String(total), String(stallMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [source, tlsSink, httpSink] = String(await new Promise((r) => backend.stdout!.once('data', r))).trim().split(' ');
    for (const k of ['acceptTLS', 'connectTLS', 'compress', 'chain', 'decompress', 'late', 'lateSink']) p[k] = await freePort();
    // The connectTLS client half-closes, then waits for the answer: closeEOF must not cut it off.
    script = join(dir, 'main.js');
    writeFileSync(script, `pipy()
  .listen(${p.acceptTLS}).acceptTLS('down', { certificate: { cert: new crypto.Certificate(pipy.load('cert.pem')), key: new crypto.PrivateKey(pipy.load('key.pem')) } })
  .listen(${p.connectTLS}, { closeEOF: false }).connectTLS('up', { sni: 'localhost' })
  .listen(${p.compress}).demuxHTTP('compress')
  .listen(${p.chain}).demuxHTTP('chain')
  .listen(${p.late}, { closeEOF: false }).connect('127.0.0.1:${p.lateSink}', { retryCount: 20, retryDelay: '0.25s' })
  .listen(${p.decompress}).decodeHTTPRequest().decompressHTTP().encodeHTTPRequest().connect('127.0.0.1:${httpSink}')
  .pipeline('down').connect('127.0.0.1:${source}')
  .pipeline('up').connect('127.0.0.1:${tlsSink}')
  .pipeline('compress').compressHTTP().muxHTTP('http', '').pipeline('http').connect('127.0.0.1:${httpSink}')
  .pipeline('chain').compressHTTP().decompressHTTP().muxHTTP('http', '')
`);
  }, 20_000);

  const fresh = freshPipyEach(() => script, () => new RegExp(`Listening on port ${p.decompress}`));

  afterAll(() => {
    backend?.kill('SIGKILL');
  });

  const bounded = (label: string, want: unknown, work: () => Promise<unknown>, limit = 96) => expectBounded(fresh.current(), label, want, work, { limit });

  it('acceptTLS: a 256 MiB download to a client that reads late', async () => {
    await bounded('acceptTLS download', expected(total), async () => {
      const s = tlsConnect({ host: '127.0.0.1', port: p.acceptTLS, rejectUnauthorized: false });
      s.once('secureConnect', () => s.write('go'));
      return readAfterStall(s).finally(() => s.destroy());
    });
  }, 30_000);

  it('connectTLS: a 256 MiB upload to a backend slow to handshake and to read', async () => {
    await bounded('connectTLS upload', expected(total), () => upload(p.connectTLS, total));
  }, 30_000);

  it('connect: a 256 MiB upload while the backend is not listening yet', async () => {
    // Refused until the sink starts: the bytes queued for the connection must stop the client.
    const sink = createServer((s) => {
      const h = createHash('sha256');
      let n = 0;
      s.on('data', (b: Buffer) => (n += b.length, h.update(b)));
      s.on('end', () => s.end(`${n} ${h.digest('hex')}`));
      s.on('error', () => {});
    });
    const late = setTimeout(() => sink.listen(p.lateSink, '127.0.0.1'), stallMs);
    try {
      await bounded('connect upload before the backend is up', expected(total), () => upload(p.late, total));
    } finally {
      clearTimeout(late);
      sink.close();
    }
  }, 30_000);

  it('compressHTTP: a 256 MiB upload is compressed no faster than it is taken', async () => {
    await bounded('compressHTTP upload', `${expected(total)} gzip`, () => post(p.compress, total));
  }, 30_000);

  it('compressHTTP then decompressHTTP: two zlib stages of one stream hold each other back without a deadlock', async () => {
    // Under the decompression cap (64 MiB a message); without back-pressure all of it piles up.
    const size = 60 * MiB;
    await bounded('compressHTTP + decompressHTTP upload', `${expected(size)} -`, () => post(p.chain, size), 64);
  }, 30_000);

  it('decompressHTTP: 4 pipelined bodies inflating 150-fold to 240 MiB are inflated no faster than they are taken', async () => {
    const size = 60 * MiB;
    const chunks: Buffer[] = [];
    for (let i = 0; i * blockSize < size; i++) chunks.push(block(i));
    const zipped = gzipSync(Buffer.concat(chunks));
    const request = Buffer.concat([Buffer.from(`POST / HTTP/1.1\r\nhost: test\r\ncontent-encoding: gzip\r\ncontent-length: ${zipped.length}\r\n\r\n`), zipped]);
    await bounded(`decompressHTTP of 4 × ${(zipped.length / MiB).toFixed(1)} MiB`, Array(4).fill(`${expected(size)} -`), () => {
      const s = netConnect(p.decompress, '127.0.0.1');
      for (let i = 0; i < 4; i++) s.write(request);
      let text = '';
      return new Promise<string[]>((resolve, reject) => {
        s.on('data', (b) => {
          text += b;
          const answers = text.match(/\d+ [0-9a-f]{64} -/g) ?? [];
          if (answers.length < 4) return;
          s.destroy();
          resolve(answers);
        });
        s.on('error', reject);
      });
    });
  }, 30_000);
});
