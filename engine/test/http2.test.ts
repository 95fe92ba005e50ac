// HTTP/2 inside demuxHTTP and muxHTTP (spec §5.6) against real clients and servers: node:http2 and
// curl with prior knowledge, h2 over TLS chosen by ALPN through acceptTLS, a pipy proxy speaking
// HTTP/2 to a node:http2 upstream, limits and protocol errors, and HTTP/1.1 on the same ports.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { connect as h2connect, createServer as createH2Server, constants } from 'node:http2';
import type { Http2Server, ClientHttp2Session, OutgoingHttpHeaders } from 'node:http2';
import { connect as netConnect } from 'node:net';
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startPipy, freePort, codebase } from './helpers.js';
import type { Running } from './helpers.js';

const run = promisify(execFile);

interface H2Reply {
  status: number;
  headers: Record<string, unknown>;
  body: Buffer;
}

/** One request on an open session; resolves with the whole response. */
function h2request(session: ClientHttp2Session, headers: OutgoingHttpHeaders, body?: Buffer | string): Promise<H2Reply> {
  return new Promise((resolve, reject) => {
    const req = session.request(headers, { endStream: body === undefined });
    const chunks: Buffer[] = [];
    let head: Record<string, unknown> = {};
    req.on('response', (h) => (head = h as Record<string, unknown>));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve({ status: Number(head[':status']), headers: head, body: Buffer.concat(chunks) }));
    req.on('error', reject);
    if (body !== undefined) req.end(body);
  });
}

function session(url: string, opts: Record<string, unknown> = {}): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const s = h2connect(url, opts);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

/** Raw bytes to a port until the server closes (or `ms` pass); for protocol-error cases. */
function rawBytes(port: number, data: Buffer, ms = 2000): Promise<{ bytes: Buffer; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const s = netConnect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => (s.destroy(), resolve({ bytes: Buffer.concat(chunks), closed: false })), ms);
    s.on('connect', () => s.write(data));
    s.on('data', (b) => chunks.push(b));
    s.on('close', () => (clearTimeout(timer), resolve({ bytes: Buffer.concat(chunks), closed: true })));
    s.on('error', reject);
  });
}

/** Frame types of a byte stream of whole HTTP/2 frames, with GOAWAY's error code. */
function frames(b: Buffer): { type: number; stream: number; code?: number }[] {
  const out: { type: number; stream: number; code?: number }[] = [];
  for (let p = 0; p + 9 <= b.length; ) {
    const len = b.readUIntBE(p, 3);
    const type = b[p + 3];
    const stream = b.readUInt32BE(p + 5) & 0x7fffffff;
    out.push(type === 7 ? { type, stream, code: b.readUInt32BE(p + 13) } : { type, stream });
    p += 9 + len;
  }
  return out;
}

function frame(type: number, flags: number, stream: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(9);
  h.writeUIntBE(payload.length, 0, 3);
  h[3] = type;
  h[4] = flags;
  h.writeUInt32BE(stream, 5);
  return Buffer.concat([h, payload]);
}

const preface = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

function makeCert(dir: string): void {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.crt', '-days', '2', '-subj', '/CN=localhost'], { cwd: dir, stdio: 'ignore' });
}

const creds = `{ cert: new crypto.Certificate(pipy.load('server.crt')), key: new crypto.PrivateKey(pipy.load('server.key')) }`;

describe('HTTP/2 in demuxHTTP and muxHTTP', () => {
  let pipy: Running;
  let upstream: Http2Server;
  const seenUpstream: string[] = [];
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    upstream = createH2Server();
    upstream.on('stream', (st, h) => {
      const chunks: Buffer[] = [];
      st.on('data', (c: Buffer) => chunks.push(c));
      st.on('end', () => {
        seenUpstream.push(`${h[':method']} ${h[':path']} ${h[':authority']} ${h['x-foo'] ?? ''}`);
        const body = Buffer.concat(chunks);
        if (h[':path'] === '/big') return st.respond({ ':status': 200 }), st.end(Buffer.alloc(3 << 20, 'b'));
        st.respond({ ':status': 201, 'x-up': 'h2' });
        st.end(`up ${h[':path']} ${body.length}`);
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const up = (upstream.address() as { port: number }).port;
    for (const k of ['plain', 'tls', 'proxy', 'refused', 'dead', 'tlsproxy']) ports[k] = await freePort();
    const dir = codebase({
      'main.js': `pipy()
  .listen(${ports.plain})
  .demuxHTTP('serve')
  .listen(${ports.tls})
  .acceptTLS('tls', { certificate: ${creds}, alpn: ['h2', 'http/1.1'] })
  .listen(${ports.proxy})
  .demuxHTTP('forward')
  .listen(${ports.refused})
  .demuxHTTP('forward-refused')
  .listen(${ports.tlsproxy})
  .demuxHTTP('forward-tls')
  .pipeline('tls')
  .demuxHTTP('serve')
  .pipeline('serve')
  .handleMessageStart(msg => msg.head.path === '/log' && console.log('HEAD ' + JSON.stringify(msg.head)))
  .replaceMessage(msg => (
    msg.head.path === '/empty' ? new StreamEnd :
    msg.head.path.startsWith('/big') ? new Message({ headers: { 'x-big': 'yes' } }, new Data(new Array(${2 << 20}).fill(97))) :
    new Message({ status: msg.head.path === '/404' ? 404 : 200, headers: { 'x-a': 'b', 'x-method': msg.head.method, 'x-path': msg.head.path, 'x-host': msg.head.headers.host } }, msg.body)
  ))
  .pipeline('forward')
  .muxHTTP('h2up', '', { version: 2 })
  .pipeline('forward-refused')
  .muxHTTP('h2dead', '', { version: 2 })
  .pipeline('forward-tls')
  .muxHTTP('h2tls', '', { version: 2 })
  .pipeline('h2tls')
  .connectTLS('tls-out', { alpn: 'h2', sni: 'localhost' })
  .pipeline('tls-out')
  .connect('127.0.0.1:${ports.tls}')
  .pipeline('h2up')
  .connect('127.0.0.1:${up}')
  .pipeline('h2dead')
  .connect('127.0.0.1:${ports.dead}')
`,
    });
    makeCert(dir);
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${ports.tlsproxy}`));
  });

  afterAll(async () => {
    await pipy.stop();
    upstream.close();
  });

  it('maps the request head of a prior-knowledge stream as spec §5.1 shows', async () => {
    const s = await session(`http://localhost:${ports.plain}`);
    const r = await h2request(s, { ':path': '/log', 'user-agent': 't', accept: '*/*' });
    s.close();
    expect(r.status).toBe(200);
    expect(r.headers['x-a']).toBe('b');
    expect(r.headers['x-host']).toBe(`localhost:${ports.plain}`);
    expect(r.headers.date).toBeUndefined();
    await pipy.waitFor(new RegExp(`HEAD \\{"headers":\\{"host":"localhost:${ports.plain}","user-agent":"t","accept":"\\*/\\*"\\},"method":"GET","scheme":"http","authority":"localhost:${ports.plain}","path":"/log"\\}`));
  });

  it('runs many concurrent streams on one connection, each with its own sub-pipeline', async () => {
    const s = await session(`http://127.0.0.1:${ports.plain}`);
    const rs = await Promise.all(Array.from({ length: 50 }, (_, i) => h2request(s, { ':method': 'POST', ':path': `/s${i}` }, `body-${i}`)));
    s.close();
    rs.forEach((r, i) => {
      expect(r.status).toBe(200);
      expect(r.headers['x-path']).toBe(`/s${i}`);
      expect(r.body.toString()).toBe(`body-${i}`);
      expect(r.headers['content-length']).toBe(String(`body-${i}`.length));
    });
  });

  it('echoes large request bodies and streams large responses under flow control', async () => {
    const s = await session(`http://127.0.0.1:${ports.plain}`);
    const big = Buffer.alloc(5 << 20);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    const [echo, down] = await Promise.all([h2request(s, { ':method': 'PUT', ':path': '/echo' }, big), h2request(s, { ':path': '/big' })]);
    s.close();
    expect(echo.body.equals(big)).toBe(true);
    expect(down.body.length).toBe(2 << 20);
    expect(down.headers['x-big']).toBe('yes');
  });

  it('answers HEAD without a body, status codes and an empty 200 for a bare StreamEnd', async () => {
    const s = await session(`http://127.0.0.1:${ports.plain}`);
    const [head, nf, empty] = await Promise.all([
      h2request(s, { ':method': 'HEAD', ':path': '/h' }),
      h2request(s, { ':path': '/404' }),
      h2request(s, { ':path': '/empty' }),
    ]);
    s.close();
    expect([head.status, head.body.length, head.headers['content-length']]).toEqual([200, 0, '0']);
    expect(nf.status).toBe(404);
    expect([empty.status, empty.body.length]).toEqual([200, 0]);
  });

  it('serves curl --http2-prior-knowledge, and HTTP/1.1 on the same port', async () => {
    const h2 = await run('curl', ['-si', '--http2-prior-knowledge', '-d', 'hi', `http://localhost:${ports.plain}/c`]);
    expect(h2.stdout).toMatch(/^HTTP\/2 200 \r\n/);
    expect(h2.stdout).toMatch(/x-a: b\r\n/);
    expect(h2.stdout.endsWith('\r\n\r\nhi')).toBe(true);
    const h1 = await run('curl', ['-si', '-d', 'hi', `http://localhost:${ports.plain}/c`]);
    expect(h1.stdout).toMatch(/^HTTP\/1.1 200 OK\r\nx-a: b\r\n/);
    expect(h1.stdout.endsWith('\r\n\r\nhi')).toBe(true);
  });

  it('switches to HTTP/2 on upgrade: h2c (curl --http2), the upgrading request being stream 1', async () => {
    const r = await run('curl', ['-si', '--http2', `http://localhost:${ports.plain}/u1`, `http://localhost:${ports.plain}/u2`]);
    expect(r.stdout.startsWith('HTTP/1.1 101 Switching Protocols\r\nupgrade: h2c\r\nconnection: upgrade\r\n\r\nHTTP/2 200 \r\n')).toBe(true);
    expect(r.stdout).toMatch(/x-path: \/u1\r\n[\s\S]*HTTP\/2 200 \r\n[\s\S]*x-path: \/u2\r\n/);
    // A request with a body stays HTTP/1.1: its body could not become stream 1.
    const post = await run('curl', ['-si', '--http2', '-d', 'abc', `http://localhost:${ports.plain}/u3`]);
    expect(post.stdout).toMatch(/^HTTP\/1.1 200 OK\r\n[\s\S]*\r\n\r\nabc$/);
  });

  it('speaks h2 over TLS when ALPN picks it (curl --http2, node:http2), HTTP/1.1 otherwise', async () => {
    const c = await run('curl', ['-sik', '--http2', `https://localhost:${ports.tls}/t`]);
    expect(c.stdout).toMatch(/^HTTP\/2 200 \r\n/);
    const h1 = await run('curl', ['-sik', '--http1.1', `https://localhost:${ports.tls}/t`]);
    expect(h1.stdout).toMatch(/^HTTP\/1.1 200 OK\r\n/);
    const s = await session(`https://localhost:${ports.tls}`, { rejectUnauthorized: false });
    const rs = await Promise.all([1, 2, 3].map((i) => h2request(s, { ':method': 'POST', ':path': `/t${i}` }, `tls-${i}`)));
    s.close();
    expect(rs.map((r) => r.body.toString())).toEqual(['tls-1', 'tls-2', 'tls-3']);
  });

  it('proxies HTTP/1 and HTTP/2 clients to a node:http2 upstream through muxHTTP {version: 2}', async () => {
    const h1 = await run('curl', ['-si', '-H', 'x-foo: Bar', '-d', 'abc', `http://localhost:${ports.proxy}/p1`]);
    // node:http2 adds a `date` field upstream; pipy passes it on and adds nothing of its own.
    expect(h1.stdout).toMatch(/^HTTP\/1.1 201 Created\r\nx-up: h2\r\ndate: [^\r]*\r\ncontent-length: 8\r\nconnection: keep-alive\r\n\r\nup \/p1 3$/);
    const s = await session(`http://127.0.0.1:${ports.proxy}`);
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => h2request(s, { ':method': 'POST', ':path': `/q${i}` }, 'x'.repeat(i))));
    const big = await h2request(s, { ':path': '/big' });
    s.close();
    rs.forEach((r, i) => expect([r.status, r.body.toString()]).toEqual([201, `up /q${i} ${i}`]));
    expect(big.body.length).toBe(3 << 20);
    expect(seenUpstream).toContain(`POST /p1 localhost:${ports.proxy} Bar`);
  });

  it('speaks h2 to a TLS upstream through connectTLS with ALPN h2', async () => {
    const rs = await Promise.all([1, 2, 3].map((i) => run('curl', ['-s', '-d', `v${i}`, `http://localhost:${ports.tlsproxy}/via-tls${i}`])));
    expect(rs.map((r) => r.stdout)).toEqual(['v1', 'v2', 'v3']);
  });

  it('gives a 502 when the HTTP/2 upstream cannot be reached', async () => {
    const r = await run('curl', ['-si', `http://localhost:${ports.refused}/x`]);
    expect(r.stdout).toMatch(/^HTTP\/1.1 502 Connection Refused\r\n/);
  });

  it('announces its limits and refuses oversized frames with GOAWAY, leaving other connections alone', async () => {
    const s = h2connect(`http://127.0.0.1:${ports.plain}`);
    const remote = await new Promise<Record<string, unknown>>((r) => s.once('remoteSettings', r));
    expect(remote).toMatchObject({ maxConcurrentStreams: 256, maxHeaderListSize: 65536, maxFrameSize: 16384, enablePush: false });
    const settings = frame(4, 0, 0, Buffer.alloc(0));
    const huge = frame(0, 0, 1, Buffer.alloc(20000));
    const r = await rawBytes(ports.plain, Buffer.concat([preface, settings, huge]));
    expect(r.closed).toBe(true);
    const goaway = frames(r.bytes).find((f) => f.type === 7);
    expect(goaway?.code).toBe(constants.NGHTTP2_FRAME_SIZE_ERROR);
    const after = await h2request(s, { ':path': '/still' });
    expect(after.status).toBe(200);
    s.close();
  });

  it('closes a connection that breaks the protocol with GOAWAY(PROTOCOL_ERROR)', async () => {
    // DATA on stream 0 is a connection error (RFC 9113 §6.1).
    const r = await rawBytes(ports.plain, Buffer.concat([preface, frame(4, 0, 0, Buffer.alloc(0)), frame(0, 0, 0, Buffer.from('x'))]));
    expect(r.closed).toBe(true);
    expect(frames(r.bytes).find((f) => f.type === 7)?.code).toBe(constants.NGHTTP2_PROTOCOL_ERROR);
  });

  it('refuses a header list over the limit; other connections carry on', async () => {
    const s = await session(`http://127.0.0.1:${ports.plain}`);
    const failed = await new Promise<unknown>((resolve) => {
      const req = s.request({ ':path': '/big-head', 'x-big': 'v'.repeat(70000) }, { endStream: true });
      req.on('response', (h) => resolve(h[':status']));
      req.on('error', (e) => resolve(e.message));
      req.resume();
    });
    expect(failed).toMatch(/REFUSED_STREAM|ENHANCE_YOUR_CALM|COMPRESSION/);
    s.destroy();
    const other = await session(`http://127.0.0.1:${ports.plain}`);
    expect((await h2request(other, { ':path': '/ok' })).status).toBe(200);
    other.close();
  });
});

describe('muxHTTP options', () => {
  it('accepts version 2 and rejects other versions', async () => {
    const dir = codebase({ 'bad.js': `pipy().listen(${await freePort()}).demuxHTTP('x').pipeline('x').muxHTTP('y', '', { version: 3 }).pipeline('y').dummy()` });
    const p = startPipy([join(dir, 'bad.js')]);
    await p.exited;
    expect(p.stderr()).toMatch(/invalid HTTP version: 3/);
  });
});

describe('codec/http2 pieces', async () => {
  const { PrefaceSniffer } = await import('../codec/http2/preface.js');
  const { requestHeadOf, requestFields, responseFields } = await import('../codec/http2/heads.js');
  const { GoawayWatch } = await import('../codec/http2/goaway-watch.js');
  const { UpgradeSplicer, wantsH2c } = await import('../codec/http2/upgrade.js');

  it('recognises the preface across chunk boundaries and gives up at the first mismatch', () => {
    const s = new PrefaceSniffer();
    expect(s.feed(preface.subarray(0, 5))).toBe('more');
    expect(s.feed(preface.subarray(5))).toBe('h2');
    expect(Buffer.concat(s.take()).equals(preface)).toBe(true);
    expect(new PrefaceSniffer().feed(Buffer.from('PRI * HTTP/1.1\r\n'))).toBe('http1');
    expect(new PrefaceSniffer().feed(Buffer.from('GET / HTTP/1.1\r\n'))).toBe('http1');
  });

  it('decodes heads in field order, joining cookies and collecting set-cookie', () => {
    const h = requestHeadOf([':method', 'POST', ':scheme', 'https', ':authority', 'a.test', ':path', '/p?q', 'cookie', 'a=1', 'x', '1', 'cookie', 'b=2', 'set-cookie', 'c', 'set-cookie', 'd']);
    expect(JSON.stringify(h)).toBe('{"headers":{"host":"a.test","cookie":"a=1; b=2","x":"1","set-cookie":["c","d"]},"method":"POST","scheme":"https","authority":"a.test","path":"/p?q"}');
  });

  it('encodes heads without HTTP/1 connection fields, authority from host', () => {
    const f = requestFields({ method: 'PUT', path: '/x', headers: { Host: 'h.test', Connection: 'keep-alive', 'Transfer-Encoding': 'chunked', te: 'gzip', 'X-A': 'b', upgrade: 'websocket' } }, 3);
    expect(f).toEqual({ ':method': 'PUT', ':scheme': 'http', ':authority': 'h.test', ':path': '/x', 'x-a': 'b', 'content-length': '3' });
    expect(requestFields({ headers: { te: 'trailers' } }, null)).toEqual({ ':method': 'GET', ':scheme': 'http', ':path': '/', te: 'trailers' });
    expect(responseFields({ status: 404, headers: { 'content-length': '9' } }, 0, true)).toEqual({ ':status': 404, 'content-length': '9' });
    expect(responseFields({ headers: { 'content-length': '9' } }, 2, false)).toEqual({ ':status': 200, 'content-length': '2' });
  });

  it('spots an error GOAWAY in outgoing bytes however they are split, but not NO_ERROR', () => {
    const codes: number[] = [];
    const w = new GoawayWatch((c) => codes.push(c));
    const bytes = Buffer.concat([frame(4, 0, 0, Buffer.alloc(6)), frame(7, 0, 0, Buffer.from([0, 0, 0, 0, 0, 0, 0, 0])), frame(0, 0, 1, Buffer.alloc(100)), frame(7, 0, 0, Buffer.from([0, 0, 0, 3, 0, 0, 0, 6, 1, 2]))]);
    for (const b of bytes) w.scan(Buffer.from([b]));
    expect(codes).toEqual([6]);
    const c: number[] = [];
    new GoawayWatch((x) => c.push(x), 24).scan(Buffer.concat([preface, frame(7, 0, 0, Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]))]));
    expect(c).toEqual([1]);
  });

  it('splices stream 1 after the preface and first frame of an upgraded connection', () => {
    const sp = new UpgradeSplicer(Buffer.from('<S1>'));
    const settings = frame(4, 0, 0, Buffer.alloc(6, 1));
    const input = Buffer.concat([preface, settings, Buffer.from('rest')]);
    const out: Buffer[] = [];
    for (const b of input) out.push(sp.feed(Buffer.from([b])));
    expect(Buffer.concat(out).equals(Buffer.concat([preface, settings, Buffer.from('<S1>'), Buffer.from('rest')]))).toBe(true);
    expect(wantsH2c({ headers: { upgrade: 'h2c' } })).toBe(true);
    expect(wantsH2c({ headers: { upgrade: 'h2c', 'content-length': '3' } })).toBe(false);
  });
});
