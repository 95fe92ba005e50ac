// acceptHTTPTunnel / connectHTTPTunnel (CONNECT) and acceptSOCKS / connectSOCKS (spec §4.1) with
// curl as the client (`--proxy`, `--socks4`, `--socks4a`, `--socks5`, `--socks5-hostname`), a
// node:http backend, and a node:http CONNECT proxy for the client end of the HTTP tunnel.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import { startPipy, freePort, codebase } from './helpers.js';
import type { Running } from './helpers.js';

const run = promisify(execFile);
const curl = (...args: string[]) => run('curl', ['-s', '-m', '5', ...args]).then((r) => r.stdout, (e) => `failed: ${e.code}`);

describe('tunnels and SOCKS', () => {
  let backend: Server;
  let proxy: Server;
  let pipy: Running;
  let b: number;
  const p: Record<string, number> = {};
  const connects: string[] = [];

  beforeAll(async () => {
    backend = createServer((req, res) => res.end(`backend saw ${req.method} ${req.url}\n`));
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    b = (backend.address() as { port: number }).port;
    // A plain CONNECT proxy (the answer has no content-length, as most proxies send it).
    proxy = createServer();
    proxy.on('connect', (req, sock, head) => {
      connects.push(req.url!);
      const [host, port] = req.url!.split(':');
      const up = netConnect(Number(port), host, () => {
        sock.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(sock);
        sock.pipe(up);
      });
      up.on('error', () => sock.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyPort = (proxy.address() as { port: number }).port;
    for (const k of ['tunnel', 'socks', 'viaSocks', 'viaTunnel', 'viaMux']) p[k] = await freePort();
    const dir = codebase({
      'main.js': `pipy({ _target: '' })
  .listen(${p.tunnel})
  .demuxHTTP('request')
  .listen(${p.socks})
  .acceptSOCKS('tcp', (host, port) => (_target = host + ':' + port, host !== 'blocked.test'))
  .listen(${p.viaSocks})
  .connectSOCKS('to-socks', 'localhost:${b}')
  .listen(${p.viaTunnel})
  .connectHTTPTunnel('to-proxy', new Message({ method: 'CONNECT', path: '127.0.0.1:${b}' }))
  .listen(${p.viaMux})
  .connectHTTPTunnel('mux', new Message({ method: 'CONNECT', path: '127.0.0.1:${b}' }))
  .pipeline('mux')
  .muxHTTP('to-pipy-proxy', '')
  .pipeline('to-pipy-proxy')
  .connect('127.0.0.1:${p.tunnel}')
  .pipeline('request')
  .acceptHTTPTunnel('tcp', msg => msg.head.method === 'CONNECT' ? (_target = msg.head.path, new Message({ status: 200 })) : new Message({ status: 405 }, 'CONNECT only\\n'))
  .pipeline('tcp')
  .connect(() => _target)
  .pipeline('to-socks')
  .connect('127.0.0.1:${p.socks}')
  .pipeline('to-proxy')
  .replaceMessage(m => new Data('CONNECT ' + m.head.path + ' HTTP/1.1\\r\\nhost: ' + m.head.path + '\\r\\n\\r\\n'))
  .connect('127.0.0.1:${proxyPort}')
  .decodeHTTPResponse()
`,
    });
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${p.viaTunnel}`));
  });

  afterAll(async () => {
    await pipy.stop();
    backend.close();
    proxy.close();
  });

  it('acceptHTTPTunnel serves curl --proxy (CONNECT via --proxytunnel)', async () => {
    expect(await curl('--proxytunnel', '--proxy', `http://127.0.0.1:${p.tunnel}`, `http://127.0.0.1:${b}/t1`)).toBe('backend saw GET /t1\n');
  });

  it('acceptHTTPTunnel answers a non-2xx response and opens nothing', async () => {
    expect(await curl(`http://127.0.0.1:${p.tunnel}/plain`)).toBe('CONNECT only\n');
  });

  for (const flag of ['--socks4', '--socks4a', '--socks5', '--socks5-hostname']) {
    it(`acceptSOCKS serves curl ${flag}`, async () => {
      const host = flag.endsWith('a') || flag.endsWith('hostname') ? 'localhost' : '127.0.0.1';
      expect(await curl(flag, `127.0.0.1:${p.socks}`, `http://${host}:${b}/s`)).toBe('backend saw GET /s\n');
    });
  }

  it('acceptSOCKS rejects what onConnect refuses', async () => {
    expect(await curl('--socks5-hostname', `127.0.0.1:${p.socks}`, 'http://blocked.test/')).toMatch(/^failed: 97/);
  });

  it('connectSOCKS reaches the backend through acceptSOCKS', async () => {
    expect(await curl(`http://127.0.0.1:${p.viaSocks}/via-socks`)).toBe('backend saw GET /via-socks\n');
  });

  it('connectHTTPTunnel reaches the backend through a CONNECT proxy', async () => {
    expect(await curl(`http://127.0.0.1:${p.viaTunnel}/via-tunnel`)).toBe('backend saw GET /via-tunnel\n');
    expect(connects).toContain(`127.0.0.1:${b}`);
  });

  it('connectHTTPTunnel over muxHTTP (Pipy\'s pattern) reaches the backend through acceptHTTPTunnel', async () => {
    expect(await curl(`http://127.0.0.1:${p.viaMux}/via-mux`)).toBe('backend saw GET /via-mux\n');
    expect(await curl(`http://127.0.0.1:${p.viaMux}/again`)).toBe('backend saw GET /again\n');
  });
});
