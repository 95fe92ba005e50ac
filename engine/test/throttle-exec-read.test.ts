// Throttles, exec and read roots through bin/pipy (spec §4.2, §4.5, §1.2): rates measured on the
// wire, concurrency held per stream, exec refused without --allow-exec, files and stdin read.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { connect } from 'node:net';
import { startPipy, freePort, codebase, rawExchange } from './helpers.js';
import type { Running } from './helpers.js';

/** Sends `data` and resolves with the time the last of `expect` bytes came back. */
function timedEcho(port: number, data: string, expectBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    let got = 0;
    const s = connect(port, '127.0.0.1', () => s.write(data));
    s.on('data', (b) => {
      got += b.length;
      if (got >= expectBytes) s.destroy(), resolve(Date.now() - t0);
    });
    s.on('error', reject);
  });
}

describe('throttles', () => {
  let pipy: Running;
  let rate: number, msgs: number, conc: number;

  beforeAll(async () => {
    [rate, msgs, conc] = [await freePort(), await freePort(), await freePort()];
    const dir = codebase({
      'main.js': `pipy()
.listen(${rate}).throttleDataRate('1k')
.listen(${msgs}).decodeHTTPRequest().throttleMessageRate(2).replaceMessage(new Message('ok')).encodeHTTPResponse()
.listen(${conc}).throttleConcurrency(1).replaceData(d => new Data('in:' + d.toString()))
`,
    });
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${conc}`));
  });

  afterAll(() => pipy.stop());

  it('throttleDataRate lets 1k a second through', async () => {
    const ms = await timedEcho(rate, 'x'.repeat(2500), 2500);
    expect(ms).toBeGreaterThan(1800);
    expect(ms).toBeLessThan(4000);
  });

  it('throttleMessageRate lets 2 messages a second through', async () => {
    const req = 'GET / HTTP/1.1\r\n\r\n';
    const ms = await timedEcho(msgs, req.repeat(5), 5 * 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok'.length);
    expect(ms).toBeGreaterThan(1800);
  });

  it('throttleConcurrency holds a second stream until the first ends', async () => {
    // Throttles drop the initial empty Data (a 0.30 quirk): a stream counts from its first byte.
    const first = connect(conc, '127.0.0.1', () => first.write('a'));
    await new Promise((r) => first.once('data', r));
    const second = rawExchange(conc, 'y', 300);
    expect((await second).text).toBe('');
    const again = rawExchange(conc, 'z', 600);
    await new Promise((r) => setTimeout(r, 100));
    first.destroy();
    expect((await again).text).toBe('in:z');
  });
});

describe('throttle back-pressure', () => {
  it('pauses only the throttled client, not an upstream connection other clients share', async () => {
    const [gw, up] = [await freePort(), await freePort()];
    const dir = codebase({
      'main.js': `pipy({ _slow: false })
.listen(${up}).serveHTTP(new Message('up'))
.listen(${gw}).demuxHTTP('req')
.pipeline('req')
.handleMessageStart(msg => _slow = msg.head.path === '/slow')
.link('throttled', () => _slow, 'forward')
.pipeline('throttled').throttleMessageRate(1, 'slow').link('forward')
.pipeline('forward').muxHTTP('conn', '')
.pipeline('conn').connect('127.0.0.1:${up}')
`,
    });
    const p = startPipy([join(dir, 'main.js')]);
    try {
      await p.waitFor(new RegExp(`Listening on port ${gw}`));
      // One client pipelines 4 requests at 1 a second; the first one opens the shared upstream session.
      const slow = timedEcho(gw, 'GET /slow HTTP/1.1\r\n\r\n'.repeat(4), 4 * 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nup'.length);
      await new Promise((r) => setTimeout(r, 300));
      // Meanwhile another client's request rides the same upstream connection and is not held up.
      const t0 = Date.now();
      const fast = await rawExchange(gw, 'GET /fast HTTP/1.1\r\n\r\n', 200);
      expect(fast.text).toContain('\r\n\r\nup');
      expect(Date.now() - t0).toBeLessThan(800);
      expect(await slow).toBeGreaterThan(2500);
    } finally {
      await p.stop();
    }
  });
});

describe('exec', () => {
  it('fails to load without --allow-exec, naming the flag', async () => {
    const port = await freePort();
    const dir = codebase({ 'main.js': `pipy().listen(${port}).exec('cat')` });
    const p = startPipy([join(dir, 'main.js')]);
    expect(await p.exited).toBe(255);
    expect(p.stderr()).toContain('--allow-exec');
  });

  it('runs the command with --allow-exec: stdin in, stdout out', async () => {
    const port = await freePort();
    const dir = codebase({ 'main.js': `pipy().listen(${port}).exec(['cat'])` });
    const p = startPipy(['--allow-exec', join(dir, 'main.js')]);
    try {
      await p.waitFor(/Listening on port/);
      expect((await rawExchange(port, 'hello exec')).text).toBe('hello exec');
    } finally {
      await p.stop();
    }
  });
});

describe('read roots', () => {
  it('feeds a codebase file, then StreamEnd', async () => {
    const dir = codebase({
      'data.txt': 'line one\nline two\n',
      'main.js': `pipy().read('data.txt').print().handleStreamEnd(() => console.log('read done'))`,
    });
    const p = startPipy([join(dir, 'main.js')]);
    try {
      await p.waitFor(/read done/);
      expect(p.stderr()).toMatch(/^line one$[^]*^line two$/m);
    } finally {
      await p.stop();
    }
  });

  it("reads stdin for '-'", async () => {
    const dir = codebase({ 'main.js': `pipy().read('-').handleData(d => console.log('got', d.toString()))` });
    const p = startPipy([join(dir, 'main.js')], {}, 'pipe');
    try {
      p.proc.stdin!.end('from stdin');
      await p.waitFor(/got from stdin/);
    } finally {
      await p.stop();
    }
  });

  it('refuses a path that leaves the codebase', async () => {
    const dir = codebase({ 'main.js': `pipy().read('../../etc/passwd').print()` });
    const p = startPipy([join(dir, 'main.js')]);
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect(p.stderr()).not.toContain('root:');
    } finally {
      await p.stop();
    }
  });
});
