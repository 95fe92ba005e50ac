// decodeWebSocket / encodeWebSocket (spec §4.6) with the `ws` package as the client: a pipy script
// upgrades the connection through demuxHTTP + acceptHTTPTunnel and echoes every message, so text,
// binary, fragmented and large messages, ping and close all make the round trip.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { join } from 'node:path';
import { startPipy, freePort, codebase } from './helpers.js';
import type { Running } from './helpers.js';

const accept = `(_h = new crypto.Hash('sha1'), _h.update(req.head.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'), _h.digest('base64'))`;

function open(port: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/chat`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function next(ws: WebSocket): Promise<{ data: Buffer; binary: boolean }> {
  return new Promise((resolve) => ws.once('message', (data, binary) => resolve({ data: data as Buffer, binary })));
}

describe('WebSocket through a demuxHTTP/muxHTTP proxy', () => {
  let pipy: Running;
  let server: WebSocketServer;
  let port: number;

  beforeAll(async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    server.on('connection', (ws, req) => ws.on('message', (m, binary) => ws.send(binary ? m : `upstream ${req.url}: ${m}`)));
    const up = (server.address() as { port: number }).port;
    port = await freePort();
    const dir = codebase({
      'main.js': `pipy()
  .listen(${port})
  .demuxHTTP('request')
  .pipeline('request')
  .muxHTTP('connection', '')
  .pipeline('connection')
  .connect('127.0.0.1:${up}')
`,
    });
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(/Listening on port/);
  });

  afterAll(async () => {
    await pipy.stop();
    server.close();
  });

  it('upgrades through the proxy and carries frames both ways until close', async () => {
    for (const n of [1, 2]) {
      const ws = await open(port);
      ws.send(`hi ${n}`);
      expect((await next(ws)).data.toString()).toBe(`upstream /chat: hi ${n}`);
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      ws.close(1000);
      expect(await closed).toBe(1000);
    }
    expect(await (await fetch(`http://127.0.0.1:${port}/plain`)).status).toBe(426);
  });
});

describe('WebSocket codecs', () => {
  let pipy: Running;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const dir = codebase({
      'main.js': `pipy({ _h: null })
  .listen(${port})
  .demuxHTTP('request')
  .pipeline('request')
  .acceptHTTPTunnel('ws', req => new Message({ status: 101, headers: { upgrade: 'websocket', 'sec-websocket-accept': ${accept} } }))
  .pipeline('ws')
  .decodeWebSocket()
  .replaceMessage('1m', m => m.head.opcode >= 8 ? new Message({ opcode: m.head.opcode === 9 ? 10 : m.head.opcode }, m.body) : new Message({ opcode: m.head.opcode }, m.body.size > 1000 ? m.body : new Data('echo:' + (m.head.masked ? 'masked:' : '')).push(m.body)))
  .encodeWebSocket()
`,
    });
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(/Listening on port/);
  });

  afterAll(async () => {
    await pipy.stop();
  });

  it('echoes text and binary messages (client frames are masked)', async () => {
    const ws = await open(port);
    ws.send('hello');
    expect(await next(ws)).toEqual({ data: Buffer.from('echo:masked:hello'), binary: false });
    ws.send(Buffer.from([1, 2, 3]));
    expect(await next(ws)).toEqual({ data: Buffer.from([...Buffer.from('echo:masked:'), 1, 2, 3]), binary: true });
    ws.close();
  });

  it('merges fragmented frames into one message', async () => {
    const ws = await open(port);
    ws.send('frag', { fin: false });
    ws.send('ment', { fin: false });
    ws.send('ed', { fin: true });
    expect((await next(ws)).data.toString()).toBe('echo:masked:fragmented');
    ws.close();
  });

  it('splits a large message into 16 KiB frames that the client reassembles', async () => {
    const ws = await open(port);
    const big = Buffer.alloc(100_000, 7);
    ws.send(big);
    const got = await next(ws);
    expect(got.data.equals(big)).toBe(true);
    ws.close();
  });

  it('leaves ping to the script (answered with pong) and echoes close', async () => {
    const ws = await open(port);
    const pong = new Promise<Buffer>((r) => ws.once('pong', r));
    ws.ping('p1');
    expect((await pong).toString()).toBe('p1');
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.close(4001, 'bye');
    expect(await closed).toBe(4001);
  });
});

describe('encodeWebSocket with masking, read back by decodeWebSocket', () => {
  it('masks every frame, splits at 16 KiB, and the decoder merges and unmasks them', async () => {
    const port = await freePort();
    const dir = codebase({
      'main.js': `pipy({ _n: 0 })
  .listen(${port})
  .replaceData(d => d.size ? (_n += d.size, null) : d)
  .replaceStreamStart(evt => [evt, new Message({ opcode: 2, masked: true }, new Data('${'ab'.repeat(20000)}'))])
  .encodeWebSocket()
  .handleData(d => console.log('frame bytes', d.size))
  .decodeWebSocket()
  .replaceMessage('1m', m => new Data(JSON.stringify(m.head) + ' ' + m.body.size + ' ' + m.body.toString().slice(0, 4)))
`,
    });
    const pipy = startPipy([join(dir, 'main.js')]);
    try {
      await pipy.waitFor(/Listening on port/);
      const { rawExchange } = await import('./helpers.js');
      const r = await rawExchange(port, 'x', 300);
      expect(r.text).toBe('{"opcode":2,"masked":true} 40000 abab');
      // 16384 + 4 header + 4 mask, twice, then the rest with its 4-byte header and mask.
      expect(pipy.stderr()).toContain('frame bytes 16392');
      expect(pipy.stderr()).toContain(`frame bytes ${40000 - 2 * 16384 + 8}`);
    } finally {
      await pipy.stop();
    }
  });
});
