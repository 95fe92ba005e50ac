// decodeWebSocket / encodeWebSocket (spec §4.6) with the `ws` package as the client: a pipy script
// upgrades the connection through demuxHTTP + acceptHTTPTunnel and echoes every message, so text,
// binary, fragmented and large messages, ping and close all make the round trip.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { join } from 'node:path';
import { startPipy, freePort, codebase } from './helpers.js';
import { DecodeWebSocket } from '../filters/decode-web-socket.js';
import { EncodeWebSocket } from '../filters/encode-web-socket.js';
import { writeFrame } from '../codec/websocket/frames.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, headOf, makeData, makeStreamEnd, makeMessageStart, makeMessageEnd } from '../events.js';
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

  it('answers a ping sent between the fragments of a message, and still merges the message', async () => {
    const ws = await open(port);
    const pong = new Promise<Buffer>((r) => ws.once('pong', r));
    const message = next(ws);
    ws.send('frag', { fin: false });
    ws.ping('between');
    ws.send('ment', { fin: false });
    ws.send('ed', { fin: true });
    expect((await pong).toString()).toBe('between');
    expect((await message).data.toString()).toBe('echo:masked:fragmented');
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

/** Feeds `bytes` to a decodeWebSocket in chunks of `chunk` bytes; the events out, written short. */
function decode(bytes: Buffer, chunk = bytes.length): string[] {
  const out: Event[] = [];
  const d = DecodeWebSocket.create();
  d.next = { input: (e: Event) => void out.push(e) } as typeof d.next;
  for (let i = 0; i < bytes.length; i += chunk) d.input(makeData(bytes.subarray(i, i + chunk)));
  d.input(makeStreamEnd());
  return out.map((e) => {
    if (isMessageStart(e)) return `start ${(headOf(e) as { opcode: number }).opcode}`;
    if (isData(e)) return `data ${bufferOf(e).toString()}`;
    if (isMessageEnd(e)) return 'end';
    return isStreamEnd(e) ? 'stream end' : '?';
  });
}

/** Merges consecutive Data lines, so chunking does not change what is compared. */
function merged(lines: string[]): string[] {
  return lines.reduce<string[]>((acc, l) => {
    const last = acc[acc.length - 1];
    if (l.startsWith('data ') && last?.startsWith('data ')) acc[acc.length - 1] = last + l.slice(5);
    else acc.push(l);
    return acc;
  }, []);
}

describe('decodeWebSocket with control frames between fragments', () => {
  const frame = (fin: boolean, opcode: number, text: string, masked = true) => writeFrame(fin, opcode, masked, Buffer.from(text));

  it('lets a ping out as its own message after the fragmented message it interrupted', () => {
    const bytes = Buffer.concat([frame(false, 1, 'frag'), frame(true, 9, 'p1'), frame(false, 0, 'ment'), frame(true, 0, 'ed'), frame(true, 1, 'next')]);
    const expected = ['start 1', 'data fragmented', 'end', 'start 9', 'data p1', 'end', 'start 1', 'data next', 'end', 'stream end'];
    expect(merged(decode(bytes))).toEqual(expected);
    // The same bytes split anywhere, down to one byte at a time, decode alike.
    for (const chunk of [1, 3, 7]) expect(merged(decode(bytes, chunk))).toEqual(expected);
  });

  it('keeps the order of different control frames and only the latest ping of a flood', () => {
    const pings = Array.from({ length: 1000 }, (_, i) => frame(true, 9, `ping ${i}`));
    const bytes = Buffer.concat([frame(false, 2, 'a'), frame(true, 10, 'pong'), ...pings, frame(true, 8, ''), frame(true, 0, 'b')]);
    expect(merged(decode(bytes))).toEqual(['start 2', 'data ab', 'end', 'start 10', 'data pong', 'end', 'start 9', 'data ping 999', 'end', 'start 8', 'end', 'stream end']);
  });

  it('still passes control frames outside a fragmented message at once, and ends an unfinished message at the stream end', () => {
    const bytes = Buffer.concat([frame(true, 9, 'p'), frame(false, 1, 'half'), frame(true, 9, 'q')]);
    expect(merged(decode(bytes, 2))).toEqual(['start 9', 'data p', 'end', 'start 1', 'data half', 'end', 'start 9', 'data q', 'end', 'stream end']);
  });
});

describe('encodeWebSocket on one large Data', () => {
  /** Encodes one message whose body is a single Data; the frames out and how long it took. */
  function encode(body: Buffer, masked: boolean): { frames: Buffer[]; ms: number } {
    const frames: Buffer[] = [];
    const e = EncodeWebSocket.create();
    e.next = { input: (evt: Event) => void (isData(evt) && bufferOf(evt).length && frames.push(bufferOf(evt))) } as typeof e.next;
    const t = performance.now();
    e.input(makeMessageStart({ opcode: 2, masked }));
    e.input(makeData(body));
    e.input(makeMessageEnd());
    return { frames, ms: performance.now() - t };
  }

  /** The one message decodeWebSocket reads back from `frames`. */
  function readBack(frames: Buffer[]): { opcode: number; body: Buffer; messages: number } {
    const out: Event[] = [];
    const d = DecodeWebSocket.create();
    d.next = { input: (evt: Event) => void out.push(evt) } as typeof d.next;
    for (const f of frames) d.input(makeData(f));
    const starts = out.filter(isMessageStart);
    const body = Buffer.concat(out.filter(isData).map(bufferOf));
    return { opcode: (headOf(starts[0]) as { opcode: number }).opcode, body, messages: starts.length };
  }

  // Every 16 KiB frame used to copy the rest of the body: 64 MiB took minutes.
  for (const masked of [false, true]) {
    it(`frames a 64 MiB body in linear time (masked: ${masked}) and decodes back to the same bytes`, () => {
      const body = Buffer.allocUnsafe(64 * 1024 * 1024);
      for (let i = 0; i < body.length; i += 4096) body.writeUInt32BE(i, i);
      const { frames, ms } = encode(body, masked);
      expect(ms).toBeLessThan(2000);
      expect(frames.length).toBe(body.length / 16384);
      const back = readBack(frames);
      expect(back.messages).toBe(1);
      expect(back.opcode).toBe(2);
      expect(back.body.equals(body)).toBe(true);
    });
  }
});
