// decodeDubbo / encodeDubbo, deframe, detectProtocol, depositMessage and fetchHTTP (spec §4.1,
// §4.5, §4.6) through raw TCP clients, curl and a node:http backend.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPipy, freePort, codebase, rawExchange } from './helpers.js';
import type { Running } from './helpers.js';

function dubboFrame(id: bigint, body: string, flags = 0xc2, magic = 0xdabb): Buffer {
  const h = Buffer.alloc(16);
  h.writeUInt16BE(magic, 0);
  h[2] = flags;
  h.writeBigInt64BE(id, 4);
  h.writeUInt32BE(Buffer.byteLength(body), 12);
  return Buffer.concat([h, Buffer.from(body)]);
}

/** The first bytes a TLS client sends: a real ClientHello. */
async function clientHello(): Promise<Buffer> {
  const srv = createNetServer();
  const got = new Promise<Buffer>((r) => srv.once('connection', (s) => s.once('data', (b) => (r(b), s.destroy()))));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const c = tlsConnect({ port: (srv.address() as { port: number }).port, host: '127.0.0.1', servername: 'x.test' });
  c.on('error', () => {});
  const b = await got;
  srv.close();
  return b;
}

describe('protocol codecs and helpers', () => {
  let pipy: Running;
  let backend: Server;
  let dir: string;
  let spool: string;
  const seen: string[] = [];
  const p: Record<string, number> = {};

  beforeAll(async () => {
    backend = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} connection=${req.headers.connection}`);
      res.end(`fetched ${req.url}\n`);
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    const b = (backend.address() as { port: number }).port;
    for (const k of ['dubbo', 'dubboIds', 'deframe', 'detect', 'deposit', 'keep', 'fetch', 'refused']) p[k] = await freePort();
    const refused = await freePort();
    spool = mkdtempSync(join(tmpdir(), 'pipy-spool-'));
    dir = codebase({
      'main.js': `pipy({ _proto: undefined })
  .listen(${p.dubbo})
  .decodeDubbo()
  .replaceMessage(m => new Message({ id: m.head.id, status: 20, isRequest: false, isTwoWay: false }, 'echo:' + m.body.toString() + ':' + JSON.stringify(m.head)))
  .encodeDubbo()
  .listen(${p.dubboIds})
  .replaceData(d => new Message(d))
  .encodeDubbo()
  .listen(${p.deframe})
  .deframe({
    len: b => b === 0 ? ['len', 2] : ['body', b, new Data],
    body: buf => [new Message(buf), 'len'],
    raw: 'len',
  })
  .replaceMessage(m => new Data('<' + m.body.toString() + '>'))
  .listen(${p.detect})
  .detectProtocol(p => _proto = p)
  .replaceData(() => new Data('proto=' + _proto + ';'))
  .listen(${p.deposit})
  .demuxHTTP('deposit')
  .listen(${p.keep})
  .demuxHTTP('keep')
  .listen(${p.fetch})
  .demuxHTTP('fetch')
  .listen(${p.refused})
  .demuxHTTP('refused')
  .pipeline('deposit')
  .depositMessage(() => '${spool}/spool.tmp', { threshold: 1000 })
  .replaceMessage('10m', m => new Message('size=' + m.body.size + ' tail=' + m.body.toString().slice(-3)))
  .pipeline('keep')
  .depositMessage('${spool}/kept.tmp', { threshold: '1k', keep: true })
  .replaceMessage('10m', m => new Message('size=' + m.body.size))
  .pipeline('fetch')
  .fetchHTTP('upstream')
  .pipeline('upstream')
  .connect('127.0.0.1:${b}')
  .pipeline('refused')
  .fetchHTTP('nowhere')
  .pipeline('nowhere')
  .connect('127.0.0.1:${refused}')
`,
    });
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${p.refused}`));
  });

  afterAll(async () => {
    await pipy.stop();
    backend.close();
  });

  it('decodes and encodes Dubbo frames, keeping 64-bit ids', async () => {
    const id = 1234567890123456789n;
    const r = await rawExchange(p.dubbo, dubboFrame(id, 'hi'), 300);
    const out = Buffer.from(r.text, 'latin1');
    expect(out.readUInt16BE(0)).toBe(0xdabb);
    expect(out[2] & 0xe0).toBe(0);
    expect(out[3]).toBe(20);
    expect(out.readBigInt64BE(4)).toBe(id);
    const body = out.subarray(16, 16 + out.readUInt32BE(12)).toString();
    expect(body).toBe(`echo:hi:{"id":"${id}","status":0,"isRequest":true,"isTwoWay":true,"isEvent":false}`);
  });

  it('numbers frames per stream when the head has no id, and reports a bad magic number', async () => {
    const r = Buffer.from((await rawExchange(p.dubboIds, 'abc', 300)).text, 'latin1');
    expect(r.readBigInt64BE(4)).toBe(1n);
    expect(r[2]).toBe(0xc2);
    await rawExchange(p.dubbo, dubboFrame(1n, 'x', 0xc2, 0x1234), 200);
    await pipy.waitFor(/\[dubbo\] magic number not found/);
  });

  it('deframe reads into buffers, passes bytes through, and outputs events', async () => {
    const input = Buffer.concat([Buffer.from([3]), Buffer.from('abc'), Buffer.from([0]), Buffer.from('zz'), Buffer.from([2]), Buffer.from('de')]);
    const r = await rawExchange(p.deframe, input, 300);
    expect(r.text).toBe('<abc>zz<de>');
  });

  it('detectProtocol tells HTTP, TLS and neither apart', async () => {
    expect((await rawExchange(p.detect, 'GET /x HTTP/1.1\r\nhost: a\r\n\r\n', 200)).text).toBe('proto=HTTP;');
    expect((await rawExchange(p.detect, await clientHello(), 200)).text).toBe('proto=TLS;');
    expect((await rawExchange(p.detect, 'hello there\n', 200)).text).toBe('proto=;');
  });

  it('depositMessage spools a large body to a file and streams it back in order', async () => {
    const body = 'x'.repeat(200_000) + 'end';
    const r = await fetch(`http://127.0.0.1:${p.deposit}/`, { method: 'POST', body });
    expect(await r.text()).toBe(`size=${body.length} tail=end`);
    expect(existsSync(join(spool, 'spool.tmp'))).toBe(false);
    const k = await fetch(`http://127.0.0.1:${p.keep}/`, { method: 'POST', body });
    expect(await k.text()).toBe(`size=${body.length}`);
    expect(readFileSync(join(spool, 'kept.tmp')).length).toBe(body.length - 1024);
  });

  it('fetchHTTP sends one request with connection: close and returns the response', async () => {
    const r = await fetch(`http://127.0.0.1:${p.fetch}/one`);
    expect(await r.text()).toBe('fetched /one\n');
    const again = await fetch(`http://127.0.0.1:${p.fetch}/two`);
    expect(await again.text()).toBe('fetched /two\n');
    expect(seen).toEqual(['GET /one connection=close', 'GET /two connection=close']);
  });

  it('fetchHTTP answers 502 when the connection is refused', async () => {
    const r = await fetch(`http://127.0.0.1:${p.refused}/`);
    expect(r.status).toBe(502);
  });
});
