// Admin proxy mode and the client TLS options (spec §7.1, §7.2 item 3, §6.7): `pipy host:port` serves
// the console locally and forwards `/api/…` and `/repo/…` to a repo; against an https repo both the
// proxy and a remote-codebase worker verify the repo with `--tls-trusted` and, when the repo asks for
// one (`--admin-tls-trusted`), present `--tls-cert`/`--tls-key`.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, until } from './admin-helpers.js';
import { startPipy, freePort, repoRoot } from './helpers.js';
import type { Running } from './helpers.js';

const procs: Running[] = [];
afterAll(async () => {
  for (const p of procs) await p.stop();
});

/** A pipy process with the given arguments, once its admin port listens. */
async function pipy(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const p = startPipy(args, env);
  procs.push(p);
  await p.waitFor(/Listening on port/);
  return p;
}

const script = (port: number, text: string) => `pipy().listen(${port}).serveHTTP(new Message('${text}'))`;

/** Creates codebase `name` whose main answers `text` on `port`, and publishes it; through `via`. */
async function publish(via: number, name: string, port: number, text: string): Promise<void> {
  expect((await http(via, 'POST', `/api/v1/repo/${name}`)).status).toBe(201);
  expect((await http(via, 'POST', `/api/v1/repo/${name}/main.js`, script(port, text))).status).toBe(201);
  expect((await http(via, 'POST', `/api/v1/repo/${name}`, '{"version":2}')).status).toBe(201);
}

describe('admin proxy mode', () => {
  let repoPort: number;
  let proxyPort: number;
  let proxy: Running;

  beforeAll(async () => {
    [repoPort, proxyPort] = [await freePort(), await freePort()];
    await pipy([`--admin-port=${repoPort}`]);
    proxy = await pipy([`127.0.0.1:${repoPort}`, `--admin-port=${proxyPort}`]);
  });

  it('logs its start and prints the console banner', () => {
    expect(proxy.stderr()).toContain('[admin] Starting admin proxy...');
    expect(proxy.stderr()).toContain(`[listener] Listening on port ${proxyPort} at 127.0.0.1`);
    expect(proxy.stdout()).toContain(`http://localhost:${proxyPort}/`);
  });

  it('lists the repo\'s codebases', async () => {
    const r = await http(proxyPort, 'GET', '/api/v1/repo');
    expect([r.status, r.headers.server]).toEqual([200, 'pipy-repo']);
    expect(r.text).toBe((await http(repoPort, 'GET', '/api/v1/repo')).text);
    expect(r.text).toContain('/tutorial/01-hello');
  });

  it('creates a codebase and a file on the repo, and relays the published tree', async () => {
    await publish(proxyPort, 'via-proxy', 1, 'x');
    expect((await http(repoPort, 'GET', '/api/v1/repo/via-proxy/main.js')).text).toBe(script(1, 'x'));
    const manifest = await http(proxyPort, 'GET', '/repo/via-proxy/');
    expect([manifest.status, manifest.text, manifest.headers.etag]).toEqual([200, '/main.js\n', '2']);
    const erased = await http(proxyPort, 'DELETE', '/api/v1/repo/via-proxy/main.js');
    expect([erased.status, erased.headers['content-length']]).toEqual([204, undefined]);
  });

  it('serves the console itself', async () => {
    const index = readFileSync(join(repoRoot, 'dist/gui/index.html'), 'utf8');
    const r = await http(proxyPort, 'GET', '/');
    expect([r.status, r.text]).toEqual([200, index]);
    // A browser opening a codebase page gets the console too, not the published manifest.
    expect((await http(proxyPort, 'GET', '/repo/via-proxy/', undefined, { accept: 'text/html' })).text).toBe(index);
    expect((await http(proxyPort, 'POST', '/home')).status).toBe(405);
  });

  it('answers 502 while the repo is unreachable, and keeps serving the console', async () => {
    const [closed, port] = [await freePort(), await freePort()];
    await pipy([`http://127.0.0.1:${closed}/`, `--admin-port=${port}`]);
    const r = await http(port, 'GET', '/api/v1/repo');
    expect(r.status).toBe(502);
    expect(r.text).toMatch(/^Repo unreachable: .*ECONNREFUSED/);
    expect((await http(port, 'GET', '/')).status).toBe(200);
  });
});

describe('an https repo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipy-proxy-tls-'));
  const file = (f: string) => join(dir, f);
  const trustRepo = () => `--tls-trusted=${file('server.crt')}`;
  const presentClient = () => [`--tls-cert=${file('client.crt')}`, `--tls-key=${file('client.key')}`];
  const serveTLS = () => [`--admin-tls-cert=${file('server.crt')}`, `--admin-tls-key=${file('server.key')}`];

  beforeAll(() => {
    // Self-signed, so each certificate is its own trust anchor.
    for (const name of ['server', 'client']) {
      const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
      const san = ['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
      execFileSync('openssl', ['req', '-x509', ...ec, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name}`, ...san], { cwd: dir, stdio: 'ignore' });
    }
  });

  it('is proxied and pulled from with --tls-trusted', async () => {
    const [repoPort, proxyPort, appPort] = [await freePort(), await freePort(), await freePort()];
    await pipy([`--admin-port=${repoPort}`, ...serveTLS()]);
    await pipy([`https://127.0.0.1:${repoPort}/`, `--admin-port=${proxyPort}`, trustRepo()]);
    await publish(proxyPort, 'app', appPort, 'over tls');
    const worker = startPipy([`https://127.0.0.1:${repoPort}/repo/app/`, trustRepo()], { PIPY_REPO_POLL_MS: '300' });
    procs.push(worker);
    await until(async () => (await http(appPort, 'GET', '/')).text === 'over tls', 10000, 'the pulled codebase');
    expect(worker.stderr()).toMatch(/\[codebase\] GET https:\/\/127\.0\.0\.1:\d+\/repo\/app\/main\.js -> \d+ bytes/);
  });

  it('is refused by a worker that does not trust its certificate, saying why', async () => {
    const repoPort = await freePort();
    await pipy([`--admin-port=${repoPort}`, ...serveTLS()]);
    const worker = startPipy([`https://127.0.0.1:${repoPort}/repo/tutorial/01-hello/`]);
    procs.push(worker);
    await worker.waitFor(/-> 0 Empty\n.*: self-signed certificate/);
  });

  it('with mutual TLS admits clients presenting --tls-cert/--tls-key', async () => {
    const [repoPort, proxyPort, anonPort, appPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    await pipy([`--admin-port=${repoPort}`, ...serveTLS(), `--admin-tls-trusted=${file('client.crt')}`]);
    await pipy([`https://127.0.0.1:${repoPort}`, `--admin-port=${proxyPort}`, trustRepo(), ...presentClient()]);
    await pipy([`https://127.0.0.1:${repoPort}`, `--admin-port=${anonPort}`, trustRepo()]);
    expect((await http(anonPort, 'GET', '/api/v1/repo')).status).toBe(502);
    await publish(proxyPort, 'mutual', appPort, 'mutual tls');
    procs.push(startPipy([`https://127.0.0.1:${repoPort}/repo/mutual/`, trustRepo(), ...presentClient()], { PIPY_REPO_POLL_MS: '300' }));
    await until(async () => (await http(appPort, 'GET', '/')).text === 'mutual tls', 10000, 'the pulled codebase');
  });

  it('rejects bad client TLS options on the command line', async () => {
    const cases: [string[], string][] = [
      [[`--tls-cert=${file('client.crt')}`], '--tls-cert and --tls-key must be used in conjuction'],
      [['--tls-cert=/nonexistent.crt', '--tls-key=/nonexistent.key'], 'cannot open file: /nonexistent.crt'],
      [['--tls-trusted=/nonexistent'], 'file or directory does not exist: /nonexistent'],
    ];
    for (const [args, message] of cases) {
      const p = startPipy(['127.0.0.1:1', ...args]);
      expect(await p.exited).toBe(255);
      expect(p.stderr()).toBe(message + '\n');
    }
  });
});
