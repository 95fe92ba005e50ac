// demux, demuxQueue, muxQueue, merge and pack through bin/pipy with real sockets (spec §4.1, §4.5):
// reply order, shared sessions, copies that pass through, and pack's timeout really flushing.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { startPipy, freePort, codebase, rawExchange } from './helpers.js';
import type { Running } from './helpers.js';

const req = (path: string, body = '') => `POST ${path} HTTP/1.1\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
const bodies = (text: string) => [...text.matchAll(/content-length: \d+\r\n[^]*?\r\n\r\n([^H]*)/g)].map((m) => m[1]);

describe('queue filters', () => {
  let pipy: Running;
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    for (const k of ['demux', 'demuxQueue', 'muxQueue', 'merge', 'pack']) ports[k] = await freePort();
    const dir = codebase({
      'main.js': `pipy({ _n: 0 })
.listen(${ports.demux}).decodeHTTPRequest().demux('slow').encodeHTTPResponse()
.listen(${ports.demuxQueue}).decodeHTTPRequest().demuxQueue('slow').encodeHTTPResponse()
.listen(${ports.muxQueue}).decodeHTTPRequest().demuxQueue('one').encodeHTTPResponse()
.listen(${ports.merge}).decodeHTTPRequest().merge('count', '').replaceMessage(m => new Message('passed ' + m.head.path)).encodeHTTPResponse()
.listen(${ports.pack}).decodeHTTPRequest().pack(3, { timeout: 0.3 }).replaceMessage(m => new Message('packed:' + m.body.toString())).encodeHTTPResponse()
.pipeline('slow')
  .wait(() => false, { timeout: 0.05 })
  .link('late', () => _n++ === 0 && false, 'now')
.pipeline('late').replaceMessage(m => new Message(m.head.path))
.pipeline('now')
  .replaceMessage(m => m.head.path === '/first' ? new StreamEnd : new Message(m.head.path))
.pipeline('one').muxQueue('session', '')
.pipeline('session')
  .handleMessageStart(() => _n++)
  .replaceMessage(m => new Message(m.head.path + ' #' + _n))
.pipeline('count').handleMessageStart(m => console.log('merged', m.head.path))
`,
    });
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${ports.pack}`));
  });

  afterAll(() => pipy.stop());

  it('demuxQueue keeps request order and turns an empty sub-pipeline into an empty reply', async () => {
    const r = await rawExchange(ports.demuxQueue, req('/first') + req('/second') + req('/third'));
    expect(r.text.split('HTTP/1.1 200 OK').length - 1).toBe(3);
    expect(r.text).toMatch(/content-length: 0\r\n[^]*\/second[^]*\/third/);
  });

  it('demux outputs every reply collected whole', async () => {
    const r = await rawExchange(ports.demux, req('/a') + req('/b'));
    expect(bodies(r.text).sort()).toEqual(['/a', '/b']);
  });

  it('muxQueue sends every stream through one session and hands replies back FIFO', async () => {
    const a = await rawExchange(ports.muxQueue, req('/x') + req('/y'));
    const b = await rawExchange(ports.muxQueue, req('/z'));
    expect(bodies(a.text)).toEqual(['/x #1', '/y #2']);
    expect(bodies(b.text)).toEqual(['/z #3']);
  });

  it('merge copies messages into the shared session and passes the originals on', async () => {
    const r = await rawExchange(ports.merge, req('/m1') + req('/m2'));
    expect(bodies(r.text)).toEqual(['passed /m1', 'passed /m2']);
    await pipy.waitFor(/merged \/m2/);
    expect(pipy.stderr()).toMatch(/merged \/m1[^]*merged \/m2/);
  });

  it('pack joins full batches at once and flushes a partial batch after its timeout', async () => {
    const t0 = Date.now();
    const full = await rawExchange(ports.pack, req('/', 'a') + req('/', 'b') + req('/', 'c'), 150);
    expect(bodies(full.text)).toEqual(['packed:abc']);
    const partial = await rawExchange(ports.pack, req('/', 'd') + req('/', 'e'), 800);
    expect(bodies(partial.text)).toEqual(['packed:de']);
    expect(Date.now() - t0).toBeGreaterThan(300);
  });
});
