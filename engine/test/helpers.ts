// Test helpers: free ports, temporary codebases, spawning bin/pipy, and raw socket clients.

import { beforeEach, afterEach, expect } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const pipyBin = process.env.PIPY_BIN ?? join(repoRoot, 'bin/pipy');

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A temporary codebase with the given files; returns its directory. */
export function codebase(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipy-test-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export interface Running {
  proc: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  waitFor: (re: RegExp, ms?: number) => Promise<void>;
  stop: () => Promise<void>;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

export function startPipy(args: string[], env: Record<string, string> = {}, stdin: 'ignore' | 'pipe' = 'ignore'): Running {
  const proc = spawn(process.execPath, [pipyBin, ...args], { env: { ...process.env, ...env }, stdio: [stdin, 'pipe', 'pipe'] });
  running.add(proc);
  let err = '';
  let out = '';
  proc.stderr!.on('data', (b) => (err += b));
  proc.stdout!.on('data', (b) => (out += b));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => (running.delete(proc), r(code))));
  const waitFor = async (re: RegExp, ms = 10000) => {
    const end = Date.now() + ms;
    while (!re.test(err)) {
      if (Date.now() > end || proc.exitCode !== null) throw new Error(`timed out waiting for ${re}; stderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const stop = async () => {
    if (proc.exitCode === null) proc.kill('SIGKILL');
    await exited;
  };
  return { proc, stderr: () => err, stdout: () => out, waitFor, stop, exited };
}

/** Sends raw bytes; resolves with everything received until the server closes or `idleMs` passes quietly. */
export function rawExchange(port: number, data: string | Buffer, idleMs = 500): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolveFn, reject) => {
    const s = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolveFn({ text: Buffer.concat(chunks).toString('latin1'), closed });
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => done(false), idleMs);
    };
    s.on('connect', () => (s.write(data), arm()));
    s.on('data', (b) => (chunks.push(b), arm()));
    s.on('end', () => done(true));
    s.on('error', reject);
  });
}

export async function httpText(url: string, init?: RequestInit): Promise<{ status: number; statusText: string; body: string; headers: Headers }> {
  const r = await fetch(url, init);
  return { status: r.status, statusText: r.statusText, body: await r.text(), headers: r.headers };
}

/** A process's resident memory in MiB (Linux). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) / 1024;
}

/** Samples a process's resident memory while `work` runs; resolves with the peak growth in MiB. */
export async function peakGrowth(pid: number, work: () => Promise<void>): Promise<number> {
  const base = rssMiB(pid);
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return peak - base;
}

/**
 * A fresh pipy running `script()` for every test of the calling `describe`, ready once `ready()`
 * is logged: memory one case leaves in use cannot hide the next one's.
 */
export function freshPipyEach(script: () => string, ready: () => RegExp): { current(): Running } {
  let pipy: Running | undefined;
  beforeEach(async () => {
    pipy = startPipy([script()]);
    await pipy.waitFor(ready());
  });
  afterEach(async () => {
    await pipy?.stop();
  });
  return { current: () => pipy! };
}

/**
 * Runs `work` against `pipy`: it must resolve with `want` within `seconds`, while the process grows
 * by less than `limit` MiB. Logs the figures.
 */
export async function expectBounded(pipy: Running, label: string, want: unknown, work: () => Promise<unknown>, o: { limit?: number; seconds?: number } = {}): Promise<void> {
  const t = Date.now();
  let got: unknown = 'timed out';
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((r) => (timer = setTimeout(r, (o.seconds ?? 25) * 1000)));
  const growth = await peakGrowth(pipy.proc.pid!, () => Promise.race([work().then((v) => void (got = v)), deadline]));
  clearTimeout(timer);
  console.log(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s, pipy grew ${growth.toFixed(1)} MiB`);
  expect(got).toEqual(want);
  expect(growth).toBeLessThan(o.limit ?? 96);
}

/** 64 KiB of pseudo-random bytes from `seed` (xorshift32), the same in every process. Self-contained, so tests can also pass its source to a child process. */
export function seededBlock(seed: number): Buffer {
  const b = Buffer.alloc(64 * 1024);
  let x = seed;
  for (let p = 0; p < b.length; p += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b.writeUInt32LE(x >>> 0, p);
  }
  return b;
}
