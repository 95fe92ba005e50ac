// The admin service's edges (spec §9.1–9.3, §10): the reserved admin port, the tutorial codebases of a
// fresh repo, compressed console assets, HTTPS with and without client certificates, and the
// process-wide metrics (script `stats` plus the built-in gauges).

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpsRequest } from 'node:https';
import { Agent, request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { AdminServer } from '../admin/server.js';
import { RepoStore } from '../admin/repo-store.js';
import { Runner } from '../admin/runner.js';
import { seedTutorial } from '../admin/tutorial.js';
import { pickEncoding } from '../admin/gui-static.js';
import { adminTLSFrom } from '../admin/tls.js';
import type { AdminTLS } from '../admin/tls.js';
import { http } from './admin-helpers.js';
import { startPipy, freePort } from './helpers.js';

/** A repo service on a free port with its own runner; closed by `stop`. */
async function repoService(extra: Partial<ConstructorParameters<typeof AdminServer>[0]> = {}) {
  const runner = new Runner();
  const server = new AdminServer({ port: 0, store: new RepoStore(), runner, uuid: 'u-x', ...extra });
  const port = await server.listen();
  const stop = async () => (runner.stop(), await server.close());
  return { runner, server, port, stop };
}

describe('the reserved admin port', () => {
  it('makes a script listening on it fail with "Port reserved"', async () => {
    const s = await repoService();
    try {
      await http(s.port, 'POST', '/api/v1/repo/steal');
      await http(s.port, 'POST', '/api/v1/repo/steal/main.js', `pipy().listen(${s.port}).serveHTTP(new Message('mine'))`);
      const r = await http(s.port, 'POST', '/api/v1/program', '/steal');
      expect([r.status, r.text]).toEqual([400, 'Failed to start up']);
      expect((await http(s.port, 'GET', '/api/v1/log')).text).toContain(`Port reserved: ${s.port}`);
      // The admin service still answers on its port.
      expect((await http(s.port, 'GET', '/api/v1/program')).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});

describe('the tutorial codebases', () => {
  it('derive each step from the one before with its own main', () => {
    const store = new RepoStore();
    seedTutorial(store);
    expect(store.list()).toEqual(['/tutorial/01-hello', '/tutorial/02-proxy']);
    const hello = store.info(store.get('/tutorial/01-hello')!);
    expect(hello).toMatchObject({ version: 1, main: '/hello.js', files: ['/hello.js'], derived: ['/tutorial/02-proxy'] });
    const proxy = store.get('/tutorial/02-proxy')!;
    expect(store.info(proxy)).toMatchObject({ main: '/proxy.js', base: '/tutorial/01-hello', baseFiles: ['/hello.js'] });
    expect(store.info(proxy).files).toContain('/plugins/router.js');
    expect(store.manifest(proxy).split('\n')[0]).toBe('/proxy.js');
    expect(proxy.published.version).toBe(1);
  });

  it('are published under /repo for remote workers', async () => {
    const store = new RepoStore();
    seedTutorial(store);
    const runner = new Runner();
    const server = new AdminServer({ port: 0, store, runner, uuid: 'u-t' });
    const port = await server.listen();
    try {
      const r = await http(port, 'GET', '/repo/tutorial/01-hello/hello.js');
      expect([r.status, r.headers.etag]).toEqual([200, '1']);
      expect(r.text).toContain("new Message('Hi, there!\\n')");
    } finally {
      await server.close();
    }
  });
});

describe('compressed console assets', () => {
  const gui = mkdtempSync(join(tmpdir(), 'pipy-gui-'));
  const script = 'console.log("the console");\n'.repeat(400);
  let s: Awaited<ReturnType<typeof repoService>>;

  beforeAll(async () => {
    mkdirSync(join(gui, 'assets'));
    writeFileSync(join(gui, 'index.html'), '<!doctype html><title>small</title>');
    writeFileSync(join(gui, 'assets/app.js'), script);
    writeFileSync(join(gui, 'assets/logo.png'), Buffer.alloc(4096, 7));
    s = await repoService({ guiDir: gui });
  });
  afterAll(() => s.stop());

  const get = (path: string, encoding?: string) => raw(s.port, path, encoding ? { 'accept-encoding': encoding } : {});

  it('sends brotli when accepted, else gzip, else the file itself', async () => {
    const br = await get('/assets/app.js', 'gzip, deflate, br');
    expect([br.headers['content-encoding'], br.headers.vary]).toEqual(['br', 'accept-encoding']);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 10);
    const gz = await get('/assets/app.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get('/assets/app.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('leaves small files and images alone', async () => {
    expect((await get('/', 'br')).headers['content-encoding']).toBeUndefined();
    expect((await get('/assets/logo.png', 'br')).headers['content-encoding']).toBeUndefined();
  });

  it('honours q-values', () => {
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=0.5, br;q=0.4')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});

describe('the admin service over HTTPS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipy-admin-tls-'));
  const file = (f: string) => join(dir, f);
  beforeAll(() => makeCerts(dir));

  it('serves the API with a certificate and key', async () => {
    const tls = adminTLSFrom({ adminTlsCert: file('server.crt'), adminTlsKey: file('server.key') })!;
    const s = await repoService({ tls });
    try {
      const r = await https(s.port, '/api/v1/program', { ca: readFileSync(file('ca.crt')) });
      expect([r.status, r.headers.server]).toEqual([200, 'pipy-repo']);
      expect(await http(s.port, 'GET', '/api/v1/program').then(() => 'answered', () => 'refused')).toBe('refused');
    } finally {
      await s.stop();
    }
  });

  it('requires a trusted client certificate with --admin-tls-trusted', async () => {
    const tls: AdminTLS = adminTLSFrom({ adminTlsCert: file('server.crt'), adminTlsKey: file('server.key'), adminTlsTrusted: file('ca.crt') })!;
    const s = await repoService({ tls });
    try {
      const ca = readFileSync(file('ca.crt'));
      await expect(https(s.port, '/api/v1/program', { ca })).rejects.toThrow();
      const r = await https(s.port, '/api/v1/program', { ca, cert: readFileSync(file('client.crt')), key: readFileSync(file('client.key')) });
      expect(r.status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  it('takes a directory of trusted certificates', () => {
    const trusted = join(dir, 'trusted');
    mkdirSync(trusted, { recursive: true });
    writeFileSync(join(trusted, 'a.crt'), readFileSync(file('ca.crt')));
    const tls = adminTLSFrom({ adminTlsCert: file('server.crt'), adminTlsKey: file('server.key'), adminTlsTrusted: trusted })!;
    expect(tls.trusted).toHaveLength(1);
  });

  it('rejects half a TLS configuration on the command line', async () => {
    const a = startPipy([`--admin-tls-cert=${file('server.crt')}`]);
    expect(await a.exited).toBe(255);
    expect(a.stderr()).toBe('--admin-tls-cert and --admin-tls-key must be used in conjuction\n');
    const b = startPipy([`--admin-tls-trusted=${file('ca.crt')}`]);
    expect(await b.exited).toBe(255);
    expect(b.stderr()).toBe('--admin-tls-cert and --admin-tls-key are required for --admin-tls-trusted\n');
  });

  it('starts the repo over HTTPS from the command line', async () => {
    const port = await freePort();
    const p = startPipy([`--admin-port=${port}`, `--admin-tls-cert=${file('server.crt')}`, `--admin-tls-key=${file('server.key')}`]);
    try {
      await p.waitFor(/Listening on port/);
      const r = await https(port, '/api/v1/repo', { ca: readFileSync(file('ca.crt')) });
      expect(r.body.toString()).toContain('/tutorial/01-hello');
      expect(p.stdout()).toContain(`https://localhost:${port}/`);
    } finally {
      await p.stop();
    }
  });
});

describe('process-wide metrics', () => {
  it('shows script metrics and the built-in gauges with their labels', async () => {
    const s = await repoService();
    const appPort = await freePort();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await http(s.port, 'POST', '/api/v1/repo/m');
      const main = `(hits => pipy().listen(${appPort}).serveHTTP(msg => (hits.withLabels(msg.head.path).increase(), new Message('ok'))))(new stats.Counter('app_hits', ['path']))`;
      await http(s.port, 'POST', '/api/v1/repo/m/main.js', main);
      expect((await http(s.port, 'POST', '/api/v1/program', '/m')).status).toBe(201);
      const res = await raw(appPort, '/x', {}, agent);
      expect(res.body.toString()).toBe('ok');
      const text = (await http(s.port, 'GET', '/metrics')).text;
      expect(text).toContain('app_hits{path="/x"} 1');
      expect(text).toContain(`pipy_inbound_count{listen="${appPort}@0.0.0.0",peer="127.0.0.1"} 1`);
      expect(text).toContain(`pipy_pipeline_count{module="/main.js",name="${appPort}@0.0.0.0"} 1`);
      s.server.metrics.sample();
      const one = JSON.parse((await http(s.port, 'GET', '/api/v1/metrics/app_hits')).text);
      expect(one.metrics[0]).toMatchObject({ k: 'app_hits', l: 'path', t: 'Counter' });
      expect(one.metrics[0].s).toEqual([{ k: '/x', l: '', t: 'Counter', v: [1] }]);
    } finally {
      agent.destroy();
      await s.stop();
    }
  });
});

describe('metrics of reporting workers', () => {
  it('lists all of an instance\'s metrics at /api/v1/metrics/<uuid>/ and labels them in /metrics', async () => {
    const s = await repoService();
    try {
      await http(s.port, 'POST', '/api/v1/repo/w');
      const metrics = 'pipy_pipeline_count 2\npipy_pipeline_count{module="/m.js",name="a"} 2\nhits 5\n';
      const status = { timestamp: Date.now(), uuid: 'w-9', name: 'nine', version: '1', modules: {}, metrics };
      expect((await http(s.port, 'POST', '/repo/w/', JSON.stringify(status))).status).toBe(201);
      const all = JSON.parse((await http(s.port, 'GET', '/api/v1/metrics/w-9/')).text);
      expect(all.metrics.map((m: { k: string }) => m.k)).toEqual(['pipy_pipeline_count', 'pipy_pipeline_count{module="/m.js",name="a"}', 'hits']);
      expect((await http(s.port, 'GET', '/metrics')).text).toContain('hits{instance="nine"} 5');
    } finally {
      await s.stop();
    }
  });
});

// ---- helpers ------------------------------------------------------------------------------------------

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function collect(resolve: (r: RawReply) => void) {
  return (res: import('node:http').IncomingMessage) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
  };
}

/** A GET whose body is left as sent (node:http does not decode content-encoding). */
function raw(port: number, path: string, headers: Record<string, string>, agent: Agent | false = false): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, headers, agent }, collect(resolve)).on('error', reject).end();
  });
}

function https(port: number, path: string, tls: { ca: Buffer; cert?: Buffer; key?: Buffer }): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    httpsRequest({ host: '127.0.0.1', servername: 'localhost', port, path, agent: false, ...tls }, collect(resolve)).on('error', reject).end();
  });
}

/** A CA, a server certificate for localhost/127.0.0.1 and a client certificate, signed by the CA. */
function makeCerts(dir: string): void {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=admin-test-ca');
  for (const name of ['server', 'client']) {
    ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    const ext = name === 'server' ? ['-extfile', 'san.ext'] : [];
    ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', ...ext);
  }
}
