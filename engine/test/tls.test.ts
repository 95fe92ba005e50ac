// acceptTLS / connectTLS / handleTLSClientHello (spec §4.1) against real clients and servers:
// node:https and curl into acceptTLS (fixed certificate, SNI callback, ALPN, client certificates),
// and connectTLS out to a node:tls server. Certificates are made with openssl for each run.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:https';
import { connect as tlsConnect, createServer as createTLSServer } from 'node:tls';
import type { Server as TLSServer } from 'node:tls';
import { connect as netConnect } from 'node:net';
import { startPipy, freePort, codebase } from './helpers.js';
import type { Running } from './helpers.js';

const run = promisify(execFile);

/** A CA, a server certificate for localhost and a client certificate, all signed by the CA. */
function makeCerts(dir: string): void {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=test-ca');
  for (const name of ['server', 'client']) {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name === 'server' ? 'localhost' : 'client'}`);
    ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2');
  }
}

const creds = `{ cert: new crypto.Certificate(pipy.load('server.crt')), key: new crypto.PrivateKey(pipy.load('server.key')) }`;

function get(port: number, opts: Record<string, unknown> = {}): Promise<{ status: number; body: string; alpn?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', rejectUnauthorized: false, servername: 'localhost', ...opts }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('acceptTLS', () => {
  let dir: string;
  let pipy: Running;
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    for (const k of ['fixed', 'sni', 'alpn', 'mtls']) ports[k] = await freePort();
    dir = codebase({
      'main.js': `pipy({ _sni: '' })
  .listen(${ports.fixed})
  .handleTLSClientHello(h => console.log('HELLO ' + JSON.stringify(h)))
  .acceptTLS('tls', { certificate: ${creds} })
  .listen(${ports.sni})
  .acceptTLS('tls-sni', { certificate: sni => (_sni = sni, ${creds}) })
  .listen(${ports.alpn})
  .acceptTLS('tls', { certificate: ${creds}, alpn: ['x-b', 'x-a'] })
  .listen(${ports.mtls})
  .acceptTLS('tls', { certificate: ${creds}, trusted: [new crypto.Certificate(pipy.load('ca.crt'))] })
  .pipeline('tls')
  .serveHTTP(new Message('hello tls\\n'))
  .pipeline('tls-sni')
  .serveHTTP(() => new Message('sni=' + _sni))
`,
    });
    makeCerts(dir);
    pipy = startPipy([join(dir, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${ports.mtls}`));
  });

  afterAll(async () => {
    await pipy.stop();
  });

  it('serves HTTPS to node:https and reports the ClientHello', async () => {
    const r = await get(ports.fixed, { servername: 'demo.test', ALPNProtocols: ['http/1.1'] });
    expect(r).toEqual({ status: 200, body: 'hello tls\n' });
    await pipy.waitFor(/HELLO \{"serverNames":\["demo.test"\],"protocolNames":\["http\/1.1"\]\}/);
  });

  it('serves curl -k, and curl verifies the chain with --cacert', async () => {
    const k = await run('curl', ['-sk', `https://localhost:${ports.fixed}/`]);
    expect(k.stdout).toBe('hello tls\n');
    const v = await run('curl', ['-s', '--cacert', join(dir, 'ca.crt'), `https://localhost:${ports.fixed}/`]);
    expect(v.stdout).toBe('hello tls\n');
  });

  it('gives the certificate callback the SNI name (shared context)', async () => {
    const r = await get(ports.sni, { servername: 'api.example.test' });
    expect(r.body).toBe('sni=api.example.test');
  });

  it('selects the first offered ALPN protocol the server accepts', async () => {
    const alpn = await new Promise<string | false>((resolve, reject) => {
      const s = tlsConnect({ host: '127.0.0.1', port: ports.alpn, rejectUnauthorized: false, ALPNProtocols: ['x-c', 'x-a', 'x-b'] }, () => {
        resolve(s.alpnProtocol ?? false);
        s.destroy();
      });
      s.on('error', reject);
    });
    expect(alpn).toBe('x-a');
  });

  it('requires a client certificate signed by a trusted CA', async () => {
    await expect(get(ports.mtls)).rejects.toThrow();
    const r = await get(ports.mtls, { cert: readFileSync(join(dir, 'client.crt')), key: readFileSync(join(dir, 'client.key')) });
    expect(r.body).toBe('hello tls\n');
  });

  it('rejects bad options at load time', async () => {
    const bad = codebase({ 'bad.js': `pipy().listen(${await freePort()}).acceptTLS('x', { alpn: 3 }).pipeline('x').dummy()` });
    const p = startPipy([join(bad, 'bad.js')]);
    await p.exited;
    expect(p.stderr()).toContain('options.alpn expects an array or a function');
  });
});

describe('connectTLS', () => {
  let server: TLSServer;
  let pipy: Running;
  let port: number;
  const seen: { servername?: string | false; alpn?: string | false }[] = [];

  beforeAll(async () => {
    const dir = codebase({});
    makeCerts(dir);
    server = createTLSServer({ cert: readFileSync(join(dir, 'server.crt')), key: readFileSync(join(dir, 'server.key')), ALPNProtocols: ['x-echo'] }, (s) => {
      seen.push({ servername: (s as unknown as { servername: string | false }).servername, alpn: s.alpnProtocol });
      s.on('data', (b) => s.write(Buffer.concat([Buffer.from('echo:'), b])));
      s.on('end', () => s.end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const backend = (server.address() as { port: number }).port;
    port = await freePort();
    const untrusted = await freePort();
    const files = codebase({
      'main.js': `pipy()
  .listen(${port})
  .connectTLS('up', { sni: () => 'backend.test', alpn: 'x-echo', trusted: [new crypto.Certificate(pipy.load('ca.crt'))] })
  .listen(${untrusted})
  .connectTLS('up', { trusted: [new crypto.Certificate(pipy.load('other.crt'))] })
  .pipeline('up')
  .connect('127.0.0.1:${backend}')
`,
    });
    execFileSync('cp', [join(dir, 'ca.crt'), join(files, 'ca.crt')]);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-out', 'other.crt', '-days', '1', '-subj', '/CN=other'], { cwd: files, stdio: 'ignore' });
    pipy = startPipy([join(files, 'main.js')]);
    await pipy.waitFor(new RegExp(`Listening on port ${untrusted}`));
    untrustedPort = untrusted;
  });
  let untrustedPort: number;

  afterAll(async () => {
    await pipy.stop();
    server.close();
  });

  function talk(p: number, text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const s = netConnect(p, '127.0.0.1', () => s.write(text));
      let got = '';
      s.on('data', (b) => {
        got += b;
        if (got.length >= text.length + 5) s.end();
      });
      s.on('close', () => resolve(got));
      s.on('error', reject);
      setTimeout(() => s.destroy(), 3000);
    });
  }

  it('encrypts to a node:tls server with SNI and ALPN, verifying against trusted', async () => {
    expect(await talk(port, 'ping')).toBe('echo:ping');
    expect(seen[0]).toEqual({ servername: 'backend.test', alpn: 'x-echo' });
  });

  it('ends the stream when the server certificate is not trusted', async () => {
    expect(await talk(untrustedPort, 'ping')).toBe('');
  });
});
