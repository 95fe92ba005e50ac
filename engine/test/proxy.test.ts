// Proxying through demuxHTTP → muxHTTP → connect (spec §5.5, §12 16–25), with node:http backends:
// exact upstream requests, 502s, keep-alive and pipelining through the proxy, large bodies, and the
// article's plugin proxy once stdlib provides `algo`.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';

// The backends live in this process: curl must not block its event loop.
const run = promisify(execFile);
import { startPipy, freePort, codebase, rawExchange, repoRoot } from './helpers.js';
import type { Running } from './helpers.js';

function proxyScript(port: number, target: string) {
  return `pipy({ _target: '${target}' })
  .listen(${port})
  .demuxHTTP('forward')
  .pipeline('forward')
  .muxHTTP('connection', () => _target)
  .pipeline('connection')
  .connect(() => _target)
`;
}

describe('a demuxHTTP/muxHTTP/connect proxy', () => {
  let backend: Server;
  let backendPort: number;
  let seen: string[] = [];
  let pipy: Running;
  let port: number;
  let refusedPort: number;
  let hangupPort: number;
  let hangup: ReturnType<typeof createNetServer>;

  beforeAll(async () => {
    backend = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${JSON.stringify(req.rawHeaders)}`);
        if (req.url === '/echo') return res.end(Buffer.concat(chunks));
        res.end(`You are requesting ${req.url}\n`);
      });
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    backendPort = (backend.address() as { port: number }).port;
    hangup = createNetServer((s) => s.once('data', () => s.end()));
    await new Promise<void>((r) => hangup.listen(0, '127.0.0.1', r));
    hangupPort = (hangup.address() as { port: number }).port;
    [port, refusedPort] = [await freePort(), await freePort()];
    const p2 = await freePort();
    const p3 = await freePort();
    const dir = codebase({
      'ok.js': proxyScript(port, `localhost:${backendPort}`),
      'refused.js': proxyScript(p2, `localhost:${refusedPort}`),
      'hangup.js': proxyScript(p3, `127.0.0.1:${hangupPort}`),
      'main.js': `pipy().use('ok.js', 'forward').use('refused.js', 'forward').use('hangup.js', 'forward')`,
    });
    pipy = startPipy([join(dir, 'ok.js')]);
    await pipy.waitFor(/Listening on port/);
    refused = startPipy([join(dir, 'refused.js')]);
    hung = startPipy([join(dir, 'hangup.js')]);
    await refused.waitFor(/Listening on port/);
    await hung.waitFor(/Listening on port/);
    refusedProxy = p2;
    hangupProxy = p3;
  });

  let refused: Running;
  let hung: Running;
  let refusedProxy: number;
  let hangupProxy: number;

  afterAll(async () => {
    await Promise.all([pipy.stop(), refused.stop(), hung.stop()]);
    backend.close();
    hangup.close();
  });

  it('forwards the request with lower-cased headers, content-length and keep-alive', async () => {
    seen = [];
    const out = (await run('curl', ['-s', '-H', 'X-Foo: Bar', `http://localhost:${port}/abc`])).stdout;
    expect(out).toBe('You are requesting /abc\n');
    expect(seen[0]).toBe(`GET /abc ["host","localhost:${port}","user-agent","${curlAgent()}","accept","*/*","x-foo","Bar","content-length","0","connection","keep-alive"]`);
  });

  it('keeps the client connection alive and answers pipelined requests in order', async () => {
    const r = await rawExchange(port, 'GET /1 HTTP/1.1\r\nhost: x\r\n\r\nGET /2 HTTP/1.1\r\nhost: x\r\n\r\nGET /3 HTTP/1.1\r\nhost: x\r\n\r\n');
    const bodies = r.text.split('\r\n\r\n').slice(1).map((b) => b.replace(/HTTP[^]*$/, ''));
    expect(bodies).toEqual(['You are requesting /1\n', 'You are requesting /2\n', 'You are requesting /3\n']);
    expect(r.closed).toBe(false);
  });

  it('streams a large body both ways', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 'abcdefgh');
    const res = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', body: big });
    const back = Buffer.from(await res.arrayBuffer());
    expect(back.length).toBe(big.length);
    expect(back.equals(big)).toBe(true);
  });

  it('answers 502 Connection Refused when the backend is down', async () => {
    const r = await rawExchange(refusedProxy, 'GET / HTTP/1.1\r\n\r\n');
    expect(r.text).toBe('HTTP/1.1 502 Connection Refused\r\ncontent-length: 0\r\nconnection: keep-alive\r\n\r\n');
    expect(refused.stderr()).toMatch(/\[ERR\] \[outbound 0x[0-9a-f]+\] \[\]:0 -> \[127\.0\.0\.1\]:\d+ \(127\.0\.0\.1\) cannot connect: Connection refused/);
  });

  it('answers 502 when the backend closes before answering', async () => {
    const r = await rawExchange(hangupProxy, 'GET / HTTP/1.1\r\n\r\n');
    expect(r.text).toBe('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: keep-alive\r\n\r\n');
  });
});

function curlAgent(): string {
  const v = execFileSync('curl', ['--version']).toString().split(' ')[1];
  return `curl/${v}`;
}

describe('the article proxy (tutorial/02-proxy)', () => {
  let mock: Running;
  let proxy: Running;

  beforeAll(async () => {
    mock = startPipy([join(repoRoot, 'tutorial/02-proxy/mock/mock-proxy.js')]);
    await mock.waitFor(/Listening on port 8082/);
    proxy = startPipy([join(repoRoot, 'tutorial/02-proxy/proxy.js')]);
    await proxy.waitFor(/Listening on port 8000/);
  });

  afterAll(async () => {
    await Promise.all([mock?.stop(), proxy?.stop()]);
  });

  it('prints the plugin graphs in load order', () => {
    const order = [...proxy.stderr().matchAll(/\[config\] Module (\S+)/g)].map((m) => m[1]);
    expect(order).toEqual(['/plugins/router.js', '/plugins/balancer.js', '/plugins/default.js', '/proxy.js']);
    expect(proxy.stderr()).toContain('use /plugins/router.js (plus 2 more) [request] -->|');
  });

  it('routes, balances round robin, echoes and tells the client address', async () => {
    expect(execFileSync('curl', ['-si', 'http://localhost:8000/']).toString()).toBe('HTTP/1.1 404 Not Found\r\ncontent-length: 16\r\nconnection: keep-alive\r\n\r\nNo handler found');
    const hi = [1, 2, 3, 4].map(() => execFileSync('curl', ['-s', 'http://localhost:8000/hi/x']).toString());
    expect(hi.filter((t) => t === 'Hi, there!\n').length).toBe(2);
    expect(hi.filter((t) => t.startsWith('You are requesting /hi/x from 127.0.0.1')).length).toBe(2);
    expect(execFileSync('curl', ['-s', '-d', 'abc', 'http://localhost:8000/echo']).toString()).toBe('abc');
    expect(execFileSync('curl', ['-s', 'http://localhost:8000/ip/1']).toString()).toBe('You are requesting /ip/1 from 127.0.0.1\n');
  });
});
