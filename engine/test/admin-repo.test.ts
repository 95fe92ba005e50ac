// Repo mode end to end (spec §6.7, §9.3, §9.4): a repo process publishes a codebase, a second pipy
// process pulls it by URL, serves it, reports its status back, and picks up a newly committed version
// while a keep-alive connection opened before the swap keeps working.

import { describe, it, expect, afterAll } from 'vitest';
import { Agent, request } from 'node:http';
import { http, until } from './admin-helpers.js';
import { startPipy, freePort } from './helpers.js';
import type { Running } from './helpers.js';

const script = (port: number, text: string) => `pipy().listen(${port}).serveHTTP(new Message('${text}'))`;

/** GET through a keep-alive agent, so the same connection is reused across the swap. */
function keepAliveGet(agent: Agent, port: number): Promise<{ text: string; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ text, socket: req.socket }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a worker pulling its codebase from a repo', () => {
  const procs: Running[] = [];
  afterAll(async () => {
    for (const p of procs) await p.stop();
  });

  it('serves the published version and swaps in a new commit within 10 s', async () => {
    const [adminPort, appPort] = [await freePort(), await freePort()];
    const repo = startPipy([`--admin-port=${adminPort}`]);
    procs.push(repo);
    await repo.waitFor(/Listening on port/);
    await http(adminPort, 'POST', '/api/v1/repo/app');
    await http(adminPort, 'POST', '/api/v1/repo/app/main.js', script(appPort, 'v1'));
    await http(adminPort, 'POST', '/api/v1/repo/app', '{"version":2}');

    const worker = startPipy([`http://127.0.0.1:${adminPort}/repo/app/`, '--instance-name=w1'], { PIPY_REPO_POLL_MS: '500' });
    procs.push(worker);
    await worker.waitFor(/\[codebase\] GET http:\/\/127\.0\.0\.1:\d+\/repo\/app\/main\.js -> \d+ bytes/);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await until(() => keepAliveGet(agent, appPort).then((r) => r.text === 'v1' && r), 10000, 'v1');

    const info = await until(async () => {
      const i = JSON.parse((await http(adminPort, 'GET', '/api/v1/repo/app')).text);
      const reports = Object.values(i.instances) as { version: string }[];
      return reports[0]?.version === '2' && reports[0];
    }, 10000, 'instance report');
    expect(info).toMatchObject({ name: 'w1', version: '2' });
    expect(Object.keys((info as unknown as { modules: object }).modules)).toEqual(['/main.js']);

    await http(adminPort, 'POST', '/api/v1/repo/app/main.js', script(appPort, 'v2'));
    await http(adminPort, 'POST', '/api/v1/repo/app', '{"version":3}');
    const started = Date.now();
    await until(async () => (await http(appPort, 'GET', '/')).text === 'v2', 10000, 'v2');
    expect(Date.now() - started).toBeLessThan(10000);
    // The connection opened before the swap still answers (on the old worker's pipeline).
    const again = await keepAliveGet(agent, appPort);
    expect(again.socket).toBe(first.socket);
    expect(again.text).toBe('v1');
    expect(worker.stderr()).toContain('[restart] Codebase reloaded');
    agent.destroy();
  });
});
