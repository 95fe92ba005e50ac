// The process around the worker (spec §6.5, §6.6, issue 4): SIGHUP reloads (a broken codebase leaves
// the old program serving), SIGINT shuts down gracefully and a second SIGINT forces it, and
// PIPY_SPAWN=n runs n + 1 processes sharing the port.

import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { startPipy, freePort, codebase, rawExchange } from './helpers.js';

const hello = (port: number, text: string) => `pipy().listen(${port}).serveHTTP(new Message('${text}'))\n`;
const get = async (port: number) => (await rawExchange(port, 'GET / HTTP/1.1\r\n\r\n', 300)).text;

describe('SIGHUP', () => {
  it('reloads the codebase, opens new ports, drops old ones, survives a broken edit', async () => {
    const [a, b] = [await freePort(), await freePort()];
    const dir = codebase({ 'main.js': hello(a, 'one') });
    const p = startPipy([join(dir, 'main.js')]);
    try {
      await p.waitFor(new RegExp(`Listening on port ${a}`));
      expect(await get(a)).toMatch(/one$/);
      writeFileSync(join(dir, 'main.js'), hello(b, 'two'));
      p.proc.kill('SIGHUP');
      await p.waitFor(/Codebase reloaded/);
      expect(p.stderr()).toMatch(/\[restart\] Reloading codebase\.\.\.[^]*Listening on port \d+[^]*Stopped listening on port \d+/);
      expect(await get(b)).toMatch(/two$/);
      writeFileSync(join(dir, 'main.js'), 'pipy().listen(');
      p.proc.kill('SIGHUP');
      await p.waitFor(/Failed reloading codebase/);
      expect(await get(b)).toMatch(/two$/);
    } finally {
      await p.stop();
    }
  });
});

describe('SIGINT', () => {
  it('closes idle HTTP connections, waits for the rest, and a second SIGINT forces exit 255', async () => {
    const [http, raw] = [await freePort(), await freePort()];
    const dir = codebase({ 'main.js': `${hello(http, 'hi').trim()}.listen(${raw}).handleData(() => null)\n` });
    const p = startPipy([join(dir, 'main.js')]);
    await p.waitFor(new RegExp(`Listening on port ${raw}`));
    const keepAlive = connect(http, '127.0.0.1', () => keepAlive.write('GET / HTTP/1.1\r\n\r\n'));
    await new Promise((r) => keepAlive.once('data', r));
    const closed = new Promise((r) => keepAlive.once('close', r));
    keepAlive.on('error', () => {});
    const echo = connect(raw, '127.0.0.1');
    echo.on('error', () => {});
    await new Promise((r) => echo.once('connect', r));
    p.proc.kill('SIGINT');
    await closed;
    await p.waitFor(/\[shutdown\] Waiting for remaining \d+ pipelines/, 3000);
    p.proc.kill('SIGINT');
    expect(await p.exited).toBe(255);
    expect(p.stderr()).toMatch(/Shutting down\.\.\.[^]*Forcing to shut down\.\.\.[^]*\[shutdown\] Stopped\./);
    expect(p.stdout()).toBe('Done.\n');
    echo.destroy();
  });

  it('exits by itself once every pipeline is gone', async () => {
    const port = await freePort();
    const dir = codebase({ 'main.js': hello(port, 'hi') });
    const p = startPipy([join(dir, 'main.js')]);
    await p.waitFor(/Listening on port/);
    p.proc.kill('SIGINT');
    expect(await p.exited).toBe(255);
    expect(p.stderr()).toMatch(/Stopped\./);
  });
});

describe('PIPY_SPAWN', () => {
  it('runs n + 1 processes that share the listening port', async () => {
    const port = await freePort();
    const dir = codebase({ 'main.js': hello(port, 'spawned') });
    const p = startPipy([join(dir, 'main.js')], { PIPY_SPAWN: '1' });
    try {
      await p.waitFor(/Listening on port[^]*Listening on port/);
      const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(p.proc.pid)]).toString().trim().split('\n');
      expect(children.length).toBe(2);
      const answers = await Promise.all([1, 2, 3, 4].map(() => get(port)));
      for (const a of answers) expect(a).toMatch(/spawned$/);
      p.proc.kill('SIGINT');
      expect(await p.exited).toBe(255);
      expect(p.stdout()).toBe('Done.\nDone.\n');
    } finally {
      await p.stop();
    }
  });

  it('PIPY_SPAWN=0 means one process', async () => {
    const port = await freePort();
    const dir = codebase({ 'main.js': hello(port, 'single') });
    const p = startPipy([join(dir, 'main.js')], { PIPY_SPAWN: '0' });
    try {
      await p.waitFor(/Listening on port/);
      expect(await get(port)).toMatch(/single$/);
      const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(p.proc.pid)], { encoding: 'utf8' }).trim();
      expect(children).toBe('');
    } catch (e) {
      // `ps` exits 1 when no process matches.
      if ((e as { status?: number }).status !== 1) throw e;
    } finally {
      await p.stop();
    }
  });
});
