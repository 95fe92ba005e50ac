// The admin REST API (spec §9.2–9.4) over real HTTP: an in-process AdminServer with an in-memory store
// for every endpoint and error, the persistent store across a reopen, and the CLI modes that start it.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminServer } from '../admin/server.js';
import { RepoStore } from '../admin/repo-store.js';
import { Runner } from '../admin/runner.js';
import { http, until } from './admin-helpers.js';
import { startPipy, freePort, codebase } from './helpers.js';

const json = (t: string) => JSON.parse(t);

describe('admin API with a repository', () => {
  let server: AdminServer;
  let port: number;
  const runner = new Runner();
  const call = (method: string, path: string, body?: string, headers?: Record<string, string>) => http(port, method, path, body, headers);

  beforeAll(async () => {
    server = new AdminServer({ port: 0, store: new RepoStore(), runner, uuid: 'u-1', name: 'repo' });
    port = await server.listen();
  });
  afterAll(async () => {
    runner.stop();
    await server.close();
  });

  it('lists no codebases at first, with the server header', async () => {
    const r = await call('GET', '/api/v1/repo');
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect(r.headers.server).toBe('pipy-repo');
    expect(r.headers['content-type']).toBe('text/plain');
  });

  it('creates a codebase with /main.js and answers 201 with an empty body', async () => {
    const r = await call('POST', '/api/v1/repo/hello');
    expect([r.status, r.text, r.headers.server]).toEqual([201, '', 'pipy-repo']);
    const info = json((await call('GET', '/api/v1/repo/hello')).text);
    expect(info).toMatchObject({ version: 1, path: '/hello', main: '/main.js', files: ['/main.js'], editFiles: [], erasedFiles: [], baseFiles: [], derived: [], instances: {} });
    expect((await call('GET', '/api/v1/repo/hello/main.js')).text).toBe('pipy()');
    expect((await call('GET', '/api/v1/repo')).text).toBe('/hello');
    const published = await call('GET', '/repo/hello/');
    expect([published.status, published.text, published.headers.etag]).toEqual([200, '/main.js\n', '-1']);
  });

  it('rejects bad codebase requests with 400 and a message', async () => {
    const cases: [string, string, string][] = [
      ['/api/v1/repo/x/', '{}', 'Invalid codebase or filename'],
      ['/api/v1/repo/x', '{"base":5}', 'Invalid base codebase'],
      ['/api/v1/repo/x', '{"base":"/nope"}', 'Base codebase not found'],
      ['/api/v1/repo/hello', '{"main":7}', 'Invalid main filename'],
      ['/api/v1/repo/hello', '{"version":"two"}', 'Invalid version number'],
      ['/api/v1/repo/x', 'not json', 'Invalid JSON'],
    ];
    for (const [path, body, message] of cases) {
      const r = await call('POST', path, body);
      expect([path, r.status, r.text]).toEqual([path, 400, message]);
    }
  });

  it('edits files in the edit layer, erases, patches and discards', async () => {
    expect((await call('POST', '/api/v1/repo/hello/lib/a.js', 'pipy().pipeline("a")')).status).toBe(201);
    expect((await call('GET', '/api/v1/repo/hello/lib/a.js')).text).toBe('pipy().pipeline("a")');
    expect(json((await call('GET', '/api/v1/repo/hello')).text).editFiles).toEqual(['/lib/a.js']);
    expect((await call('PATCH', '/api/v1/repo/hello/lib/a.js', 'pipy()')).status).toBe(201);
    expect((await call('GET', '/api/v1/repo/hello/lib/a.js')).text).toBe('pipy()');
    expect((await call('PATCH', '/api/v1/repo/hello/lib/a.js', '')).status).toBe(201);
    expect((await call('GET', '/api/v1/repo/hello/lib/a.js')).status).toBe(404);
    const del = await call('DELETE', '/api/v1/repo/hello/main.js');
    expect([del.status, del.text, del.headers['content-length']]).toEqual([204, '', undefined]);
    expect(json((await call('GET', '/api/v1/repo/hello')).text).erasedFiles).toEqual(['/main.js']);
    expect((await call('GET', '/api/v1/repo/hello/main.js')).status).toBe(404);
    expect((await call('PATCH', '/api/v1/repo/hello/main.js', '')).status).toBe(201);
    expect((await call('GET', '/api/v1/repo/hello/main.js')).text).toBe('pipy()');
    expect((await call('DELETE', '/api/v1/repo/nowhere/x.js')).status).toBe(404);
    expect((await call('PATCH', '/api/v1/repo/nowhere/x.js', 'x')).status).toBe(404);
    expect((await call('GET', '/api/v1/repo/nowhere/x.js')).status).toBe(404);
  });

  it('commits a version and publishes it under /repo with an etag', async () => {
    await call('POST', '/api/v1/repo/hello/b.js', 'pipy()');
    expect((await call('POST', '/api/v1/repo/hello', '{"version":2,"main":"/b.js"}')).status).toBe(201);
    const info = json((await call('GET', '/api/v1/repo/hello')).text);
    expect(info).toMatchObject({ version: 2, main: '/b.js', files: ['/b.js', '/main.js'], editFiles: [], erasedFiles: [] });
    const manifest = await call('GET', '/repo/hello/');
    expect([manifest.text, manifest.headers.etag]).toEqual(['/b.js\n/main.js\n', '2']);
    const head = await call('HEAD', '/repo/hello/b.js');
    expect([head.status, head.text, head.headers.etag, head.headers['content-length']]).toEqual([200, '', '2', '6']);
    expect((await call('GET', '/repo/hello/b.js')).text).toBe('pipy()');
    expect((await call('GET', '/repo')).text).toBe('/hello/\n');
    expect((await call('GET', '/repo/')).text).toBe('/hello/\n');
    expect((await call('GET', '/repo/hello/missing.js')).status).toBe(404);
    expect((await call('GET', '/repo/other')).status).toBe(404);
  });

  it('derives codebases from a base and republishes them when the base commits', async () => {
    expect((await call('POST', '/api/v1/repo/kid', '{"base":"/hello"}')).status).toBe(201);
    const kid = json((await call('GET', '/api/v1/repo/kid')).text);
    expect(kid).toMatchObject({ version: 1, base: '/hello', main: '/b.js', files: [], baseFiles: ['/b.js', '/main.js'] });
    expect(json((await call('GET', '/api/v1/repo/hello')).text).derived).toEqual(['/kid']);
    expect((await call('GET', '/api/v1/repo/kid/b.js')).text).toBe('pipy()');
    await call('POST', '/api/v1/repo/hello/c.js', 'pipy()');
    await call('POST', '/api/v1/repo/hello', '{"version":3}');
    expect(json((await call('GET', '/api/v1/repo/kid')).text).version).toBe(2);
    const m = await call('GET', '/repo/kid/');
    expect([m.text, m.headers.etag]).toEqual(['/b.js\n/c.js\n/main.js\n', '2']);
  });

  it('takes instance reports on /repo/<codebase>/', async () => {
    const status = { timestamp: 1, uuid: 'w-1', name: 'worker', version: '3', modules: {} };
    expect((await call('POST', '/repo/hello/', JSON.stringify(status))).status).toBe(201);
    expect((await call('POST', '/repo/hello/', '{oops')).text).toBe('Invalid JSON');
    expect((await call('POST', '/repo/hello', '{}')).status).toBe(405);
    expect((await call('POST', '/repo/nope/', '{}')).status).toBe(405);
    expect(json((await call('GET', '/api/v1/repo/hello')).text).instances).toEqual({ 0: status });
  });

  it('serves metrics as Prometheus text and JSON history', async () => {
    const text = await call('GET', '/metrics');
    expect(text.status).toBe(200);
    expect(text.text).toMatch(/^pipy_pipeline_count \d+$/m);
    expect((await call('POST', '/metrics')).status).toBe(405);
    const all = json((await call('GET', '/api/v1/metrics')).text);
    expect(typeof all.time).toBe('number');
    expect(all.metrics.map((m: { k: string }) => m.k)).toContain('pipy_inbound_count');
    const one = json((await call('GET', '/api/v1/metrics/pipy_inbound_count')).text);
    expect(one.metrics[0]).toMatchObject({ k: 'pipy_inbound_count', l: 'listen/peer', t: 'Gauge' });
    expect(Array.isArray(one.metrics[0].s)).toBe(true);
    expect((await call('GET', '/api/v1/metrics/nothing_here')).status).toBe(404);
    expect((await call('GET', '/api/v1/metrics/no-such-uuid/pipy_pipeline_count')).status).toBe(404);
    expect((await call('GET', '/api/v1/metrics/w-1/pipy_pipeline_count')).status).toBe(200);
    expect((await call('GET', '/api/v1/dump-store')).status).toBe(200);
  });

  it('runs and stops a codebase through /api/v1/program', async () => {
    const appPort = await freePort();
    await call('POST', '/api/v1/repo/app');
    await call('POST', '/api/v1/repo/app/main.js', `pipy().listen(${appPort}).serveHTTP(new Message('up'))`);
    expect((await call('GET', '/api/v1/program')).text).toBe('');
    expect((await call('POST', '/api/v1/program', '/none')).text).toBe('No codebase');
    const run = await call('POST', '/api/v1/program', '/app');
    expect([run.status, run.text]).toEqual([201, '']);
    expect((await call('GET', '/api/v1/program')).text).toBe('/app');
    expect(await (await fetch(`http://127.0.0.1:${appPort}/`)).text()).toBe('up');
    const status = json((await call('GET', '/api/v1/status')).text);
    expect(status).toMatchObject({ uuid: 'u-1', name: 'repo', version: '1' });
    expect(status.modules['/main.js'].graph.nodes[0]).toEqual({ name: `${appPort}@0.0.0.0`, t: 'root', c: [1] });
    const files = json((await call('GET', '/api/v1/files')).text);
    expect(files).toEqual({ main: '/main.js', files: ['/main.js'], readOnly: true });
    expect((await call('GET', '/api/v1/files/main.js')).text).toContain('serveHTTP');
    expect((await call('GET', '/api/v1/files/nope.js')).status).toBe(404);
    expect((await call('POST', '/api/v1/files', 'x')).text).toBe('Invalid JSON');
    expect((await call('POST', '/api/v1/files', '[1]')).text).toBe('Invalid JSON object');
    expect((await call('POST', '/api/v1/files', '{"main":3}')).text).toBe('Invalid main filename');
    expect((await call('POST', '/api/v1/files', '{"main":"/main.js"}')).status).toBe(201);
    expect((await call('POST', '/api/v1/program', '/')).status).toBe(201);
    const stop = await call('DELETE', '/api/v1/program');
    expect(stop.status).toBe(204);
    expect((await call('GET', '/api/v1/program')).text).toBe('');
    expect(await http(appPort, 'GET', '/').then(() => 'open', () => 'closed')).toBe('closed');
    expect(json((await call('GET', '/api/v1/files')).text)).toEqual({});
    expect((await call('POST', '/api/v1/files', '{"main":"/main.js"}')).status).toBe(404);
  });

  it('reports a missing main script and a script that fails to start', async () => {
    await call('POST', '/api/v1/repo/broken');
    await call('DELETE', '/api/v1/repo/broken/main.js');
    expect((await call('POST', '/api/v1/program', '/broken')).text).toBe('No main script');
    await call('PATCH', '/api/v1/repo/broken/main.js', 'pipy().listen(');
    const r = await call('POST', '/api/v1/program', '/broken');
    expect([r.status, r.text]).toEqual([400, 'Failed to start up']);
  });

  it('follows the log with x-log-size', async () => {
    const first = await call('GET', '/api/v1/log');
    const size = Number(first.headers['x-log-size']);
    expect(size).toBeGreaterThan(0);
    expect(first.text).toMatch(/\[listener\] Listening on port/);
    const none = await call('GET', '/api/v1/log', undefined, { 'x-log-size': String(size) });
    expect(none.text).toBe('');
    await call('POST', '/api/v1/program', '/app');
    await call('DELETE', '/api/v1/program');
    const more = await call('GET', '/api/v1/log', undefined, { 'x-log-size': String(size) });
    expect(more.text).toMatch(/Listening on port \d+ at 0\.0\.0\.0\n/);
    expect(Number(more.headers['x-log-size'])).toBeGreaterThan(size);
  });

  it('draws the graph of script text and checks grammar', async () => {
    const src = "pipy().listen(8000).demuxHTTP('req').pipeline('req').link('a', () => true, '').pipeline('a').dump()";
    const g = json((await call('POST', '/api/v1/graph', src)).text);
    expect(g.roots).toEqual([0]);
    expect(g.nodes.map((n: { name: string; t: string }) => `${n.t}:${n.name}`)).toEqual([
      'root:Listen 0.0.0.0:8000', 'link:demuxHTTP', 'pipeline:req', 'link:link', 'pipeline:a', 'filter:dump', 'pipeline:[empty]',
    ]);
    expect(g.nodes[1]).toEqual({ name: 'demuxHTTP', t: 'link', p: 0, c: [2] });
    const bad = await call('POST', '/api/v1/graph', 'pipy().listen(');
    expect(bad.status).toBe(400);
    expect(bad.text).not.toBe('');
    const diags = json((await call('POST', '/api/v1/check', 'pipy()\n.task(() => { var x = 1 })')).text);
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0]).toMatchObject({ line: 2 });
    const filters = json((await call('GET', '/api/v1/filters')).text);
    expect(filters.find((f: { name: string }) => f.name === 'link')).toMatchObject({ signature: expect.any(String), description: expect.any(String) });
  });

  it('answers 405 to other methods and 404 to unknown GETs', async () => {
    expect((await call('PUT', '/whatever')).status).toBe(405);
    expect((await call('PUT', '/api/v1/repo/hello')).status).toBe(405);
    const nf = await call('GET', '/no/such/file.txt');
    expect([nf.status, nf.text]).toEqual([404, '']);
  });
});

describe('the persistent repository store', () => {
  it('keeps codebases, versions and edits across a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipy-repo-'));
    const a = new RepoStore(dir);
    a.post('/p', {});
    a.writeFile(a.get('/p')!, '/x.js', 'pipy()');
    a.post('/p', { version: 2 });
    a.writeFile(a.get('/p')!, '/y.js', 'edit');
    expect(existsSync(join(dir, 'repo.json.tmp'))).toBe(false);
    const b = new RepoStore(dir);
    expect(b.info(b.get('/p')!)).toMatchObject({ version: 2, files: ['/main.js', '/x.js'], editFiles: ['/y.js'] });
    expect(b.manifest(b.get('/p')!)).toBe('/main.js\n/x.js\n');
  });
});

describe('admin modes of the pipy command', () => {
  it('with no argument serves an in-memory repo on --admin-port', async () => {
    const port = await freePort();
    const p = startPipy([`--admin-port=${port}`]);
    try {
      await p.waitFor(/\[listener\] Listening on port \d+ at 127\.0\.0\.1/);
      expect(p.stderr()).toContain('[admin] Starting admin service...');
      expect((await http(port, 'POST', '/api/v1/repo/t')).status).toBe(201);
      // The in-memory repo starts with the tutorial codebases (§9.3).
      expect((await http(port, 'GET', '/api/v1/repo')).text).toBe('/t\n/tutorial/01-hello\n/tutorial/02-proxy');
    } finally {
      await p.stop();
    }
  });

  it('with a directory keeps the repo there across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipy-store-'));
    const port = await freePort();
    const first = startPipy([`--admin-port=${port}`, dir]);
    await first.waitFor(/Listening on port/);
    await http(port, 'POST', '/api/v1/repo/kept');
    await http(port, 'POST', '/api/v1/repo/kept/a.js', 'pipy()');
    await first.stop();
    const second = startPipy([`--admin-port=${port}`, dir]);
    try {
      await second.waitFor(/Listening on port/);
      expect((await http(port, 'GET', '/api/v1/repo/kept/a.js')).text).toBe('pipy()');
    } finally {
      await second.stop();
    }
  });

  it('with a file and --admin-port serves the reduced admin service', async () => {
    const [port, appPort] = [await freePort(), await freePort()];
    const dir = codebase({ 'main.js': `pipy().listen(${appPort}).serveHTTP(new Message('hi'))` });
    const p = startPipy([`--admin-port=${port}`, join(dir, 'main.js')]);
    try {
      await until(async () => (await http(port, 'GET', '/api/v1/program')).text === '/', 10000, 'admin');
      expect((await http(port, 'GET', '/api/v1/repo')).status).toBe(404);
      expect(json((await http(port, 'GET', '/api/v1/files')).text)).toEqual({ main: '/main.js', files: ['/main.js'], readOnly: false });
      writeFileSync(join(dir, 'main.js'), `pipy().listen(${appPort}).serveHTTP(new Message('again'))`);
      expect((await http(port, 'POST', '/api/v1/program', '/')).status).toBe(201);
      expect(await (await fetch(`http://127.0.0.1:${appPort}/`)).text()).toBe('again');
    } finally {
      await p.stop();
    }
  });
});
