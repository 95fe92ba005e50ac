// Listener options and robustness (spec §1.2, §6.2, issue 4): idle/read/write timeouts close the
// connection, maxConnections holds extra clients until a slot frees, slow clients cannot starve
// others, and memory stays flat over 20,000 keep-alive requests.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { startPipy, freePort, codebase, rawExchange } from './helpers.js';
import type { Running } from './helpers.js';

/** Connects and resolves with the ms until the server closed the connection. */
function timeToClose(port: number, send = ''): Promise<number> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = connect(port, '127.0.0.1', () => send && s.write(send));
    s.on('error', () => {});
    s.on('close', () => resolve(Date.now() - t0));
  });
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]);
}

/** `n` pipelined keep-alive requests in batches on one connection. */
async function keepAliveRequests(port: number, n: number, batch = 200): Promise<void> {
  const s = connect(port, '127.0.0.1');
  await new Promise((r) => s.once('connect', r));
  const req = 'GET / HTTP/1.1\r\nhost: x\r\n\r\n';
  for (let done = 0; done < n; done += batch) {
    let seen = 0;
    const got = new Promise<void>((resolve) => {
      const onData = (b: Buffer) => {
        seen += b.toString('latin1').split('HTTP/1.1 200').length - 1;
        if (seen >= batch) s.off('data', onData), resolve();
      };
      s.on('data', onData);
    });
    s.write(req.repeat(batch));
    await got;
  }
  s.destroy();
}

describe('listener options and limits', () => {
  let pipy: Running;
  const p: Record<string, number> = {};

  beforeAll(async () => {
    for (const k of ['idle', 'read', 'write', 'max', 'hello']) p[k] = await freePort();
    const dir = codebase({
      'main.js': `pipy()
.listen(${p.idle}, { idleTimeout: 0.5 }).handleData(() => null)
.listen(${p.read}, { readTimeout: '0.5s' }).dummy()
.listen(${p.write}, { writeTimeout: 0.5, idleTimeout: 0 }).replaceData(() => new Data('x'.repeat(1 << 24))).handleStreamEnd(e => console.log('write end', e.error))
.listen(${p.max}, { maxConnections: 1 }).handleData(() => null)
.listen(${p.hello}).serveHTTP(new Message('Hi, there!\\n'))
`,
    });
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${p.hello}`));
  });

  afterAll(() => pipy.stop());

  it('idleTimeout closes a quiet connection', async () => {
    const ms = await timeToClose(p.idle);
    expect(ms).toBeGreaterThan(400);
    expect(ms).toBeLessThan(2000);
  });

  it('idleTimeout counts from the last activity, not from the connection', async () => {
    const s = connect(p.idle, '127.0.0.1');
    s.on('error', () => {});
    s.resume(); // the server's FIN is seen only by a flowing socket
    let closedAt = 0;
    const closed = new Promise<void>((r) => s.once('close', () => ((closedAt = Date.now()), r())));
    // Bytes every 200 ms for 1.2 s keep a 0.5 s idle timeout from firing...
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 200));
      s.write('x');
    }
    expect(closedAt).toBe(0);
    const lastWrite = Date.now();
    // ...then silence closes it about 0.5 s after the last byte.
    await closed;
    expect(closedAt - lastWrite).toBeGreaterThan(400);
    expect(closedAt - lastWrite).toBeLessThan(1500);
  });

  it('readTimeout closes a connection that sends nothing more', async () => {
    const ms = await timeToClose(p.read, 'a');
    expect(ms).toBeGreaterThan(400);
    expect(ms).toBeLessThan(2000);
  });

  it('writeTimeout closes a connection whose client stops reading', async () => {
    const s = connect(p.write, '127.0.0.1');
    s.on('error', () => {});
    s.pause();
    let received = 0;
    s.on('data', (b) => (received += b.length));
    const closed = new Promise((r) => s.once('close', r));
    s.on('connect', () => s.write('more'));
    // The paused client reads nothing; when it looks again the server has given up on the 16 MiB.
    setTimeout(() => s.resume(), 1500);
    await closed;
    expect(received).toBeLessThan(1 << 24);
    await pipy.waitFor(/write end WriteTimeout/);
  });

  it('maxConnections holds the next client until a connection closes', async () => {
    const first = connect(p.max, '127.0.0.1', () => first.write('1'));
    await new Promise((r) => first.once('data', r));
    const waiting = rawExchange(p.max, 'second', 300);
    expect((await waiting).text).toBe('');
    const later = rawExchange(p.max, 'third', 500);
    await new Promise((r) => setTimeout(r, 100));
    first.destroy();
    expect((await later).text).toBe('third');
  });

  it('50 slow half-open clients do not delay a normal request', async () => {
    const slow: Socket[] = [];
    for (let i = 0; i < 50; i++) {
      const s = connect(p.hello, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nhost: slow\r\nx-a: '));
      s.on('error', () => {});
      slow.push(s);
    }
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    const r = await rawExchange(p.hello, 'GET / HTTP/1.1\r\n\r\n', 100);
    expect(r.text).toMatch(/Hi, there!\n$/);
    expect(Date.now() - t0).toBeLessThan(400);
    for (const s of slow) s.destroy();
  });

  it('memory stays flat over 20,000 keep-alive requests', async () => {
    await keepAliveRequests(p.hello, 2000);
    const before = rssKiB(pipy.proc.pid!);
    await keepAliveRequests(p.hello, 20000);
    const after = rssKiB(pipy.proc.pid!);
    // A leaked pipeline per request would be several KiB each: ~100 MiB over 20,000.
    expect(after - before).toBeLessThan(40 * 1024);
  }, 60000);
});
