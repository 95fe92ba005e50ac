// HTTP throughput of `bin/pipy` against Node references, all started here and measured in the same
// run with wrk: server under test pinned to core 0, wrk and the backend to core 1 (taskset).
// Servers of one section stay up together and are measured in turns (A, B, C, A, B, C, ...), so that
// drift on a shared machine hits every server alike; figures are medians of the runs.
// Two figures per server: req/s, and the server's own CPU time per request (from /proc), which other
// processes on the machine disturb much less than throughput.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url)); // dist/bench
const root = path.resolve(here, '../..');
// The pipy command under test (another build, or a native pipy binary) and the reference servers.
const pipy = process.env.BENCH_PIPY ? [process.env.BENCH_PIPY] : [process.execPath, path.join(root, 'bin/pipy')];
const servers = [process.execPath, path.join(here, 'servers.js')];
const BODY = 'Hi, there!\n';

export interface HttpOptions {
  seconds: number; // per wrk run
  runs: number; // runs per server, medians taken
  connections: number;
}

export interface Row {
  name: string;
  rps: number; // median req/s
  cpuUs: number; // median server CPU µs per request
  runs: number[]; // req/s of each run
  disturbed: number; // runs during which other processes took the CPU (after 4 attempts)
}

export interface Section {
  title: string;
  rows: Row[]; // rows[0] is ours
  target: { versus: string; ratio: number };
}

interface Server {
  name: string;
  pid: number;
  port: number;
  path: string;
}

// ---- processes ------------------------------------------------------------------------------------

const children = new Set<ChildProcess>();

function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
  children.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { killAll(); process.exit(130); });

export function haveWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/** `command` pinned to `core`; taskset execs it, so the child's pid is the command's. */
function start(core: number, command: string[], cwd = root): number {
  const c = spawn('taskset', ['-c', String(core), ...command], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  c.stderr!.on('data', (d) => { err = (err + d).slice(-2000); });
  c.on('exit', (code) => { if (children.delete(c) && code) console.error(`${command.join(' ')} exited ${code}: ${err}`); });
  children.add(c);
  return c.pid!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function get(port: number, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
      let body = '';
      res.setEncoding('latin1').on('data', (d) => (body += d)).on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject);
  });
}

/** Waits until the server answers `urlPath` with 200 and BODY (5 s at most). */
async function ready(port: number, urlPath: string): Promise<void> {
  const until = Date.now() + 5000;
  let last = '';
  while (Date.now() < until) {
    try {
      const r = await get(port, urlPath);
      if (r.status === 200 && r.body === BODY) return;
      last = `${r.status} ${JSON.stringify(r.body)}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on port ${port} not ready: ${last}`);
}

function wrk(s: Server, seconds: number, connections: number): Promise<{ rps: number; requests: number }> {
  return new Promise((resolve, reject) => {
    const args = ['-c', '1', 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, `http://127.0.0.1:${s.port}${s.path}`];
    const c = spawn('taskset', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(c);
    const timer = setTimeout(() => c.kill('SIGKILL'), (seconds + 10) * 1000);
    let out = '';
    c.stdout!.on('data', (d) => (out += d));
    c.stderr!.on('data', (d) => (out += d));
    c.on('exit', () => {
      clearTimeout(timer);
      children.delete(c);
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const requests = /(\d+) requests in/.exec(out);
      const bad = /Non-2xx or 3xx responses: \d+/.exec(out);
      const errors = /Socket errors: .*/.exec(out);
      if (errors) console.error(`  (wrk, ${s.name}: ${errors[0]})`);
      if (!rps || !requests) reject(new Error(`wrk failed: ${out}`));
      else if (bad) reject(new Error(`wrk, ${s.name}: ${bad[0]}`));
      else resolve({ rps: Number(rps[1]), requests: Number(requests[1]) });
    });
  });
}

// ---- CPU accounting (Linux /proc, in clock ticks) -------------------------------------------------

const TICK_US = 1e6 / 100; // USER_HZ is 100 on Linux

/** utime, stime, cutime, cstime of a process. */
function procTimes(pid: number): number[] {
  const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return s.slice(s.lastIndexOf(')') + 2).split(' ').slice(11, 15).map(Number);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The whole machine (total, and busy = user + nice + system) and ours: this process, its reaped
 * children (finished wrk runs) and the live ones. Other processes (builds, test runs) steal CPU.
 */
interface Cpu { total: number; busy: number; ours: number }

function cpu(): Cpu | undefined {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    let ours = sum(procTimes(process.pid));
    for (const c of children) if (c.exitCode === null && c.pid) ours += sum(procTimes(c.pid).slice(0, 2));
    return { total: sum(f), busy: f[0] + f[1] + f[2], ours };
  } catch {
    return undefined; // no /proc: no disturbance check
  }
}

/** Share of the machine's CPU used by other processes since `before`. */
function foreign(before: Cpu | undefined): number {
  const after = cpu();
  if (!before || !after) return 0;
  return (after.busy - before.busy - (after.ours - before.ours)) / Math.max(1, after.total - before.total);
}

const NOISE = 0.05; // share of all cores used by others above which a run counts as disturbed
let retryUntil = 0; // no waiting nor retrying past this time (set per section)

/** Waits (30 s at most) until other processes leave the machine alone. */
async function quiet(): Promise<void> {
  const until = Math.min(Date.now() + 30_000, retryUntil);
  while (Date.now() < until) {
    const before = cpu();
    await new Promise((r) => setTimeout(r, 500));
    if (foreign(before) <= NOISE) return;
  }
}

// ---- measuring ------------------------------------------------------------------------------------

interface Run { rps: number; cpuUs: number; noise: number }

/** One measurement; taken again (4 attempts at most) when other processes took the CPU meanwhile. */
async function measureOnce(s: Server, o: HttpOptions): Promise<Run & { disturbed: boolean }> {
  let best: Run = { rps: 0, cpuUs: 0, noise: Infinity };
  for (let attempt = 1; ; attempt++) {
    await quiet();
    const before = cpu();
    const t0 = sum(procTimes(s.pid).slice(0, 2));
    const w = await wrk(s, o.seconds, o.connections);
    const cpuUs = ((sum(procTimes(s.pid).slice(0, 2)) - t0) * TICK_US) / w.requests;
    const noise = foreign(before);
    if (noise <= NOISE) return { rps: w.rps, cpuUs, noise, disturbed: false };
    if (noise < best.noise) best = { rps: w.rps, cpuUs, noise };
    if (attempt === 4 || Date.now() > retryUntil) return { ...best, disturbed: true };
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(list: Server[], o: HttpOptions): Promise<Row[]> {
  for (const s of list) await ready(s.port, s.path);
  for (const s of list) await wrk(s, 2, o.connections); // warm up (JIT, pools)
  retryUntil = Date.now() + 2 * list.length * o.runs * o.seconds * 1000; // at most triples the time
  const runs = list.map(() => [] as Run[]);
  const disturbed = list.map(() => 0);
  for (let r = 0; r < o.runs; r++) {
    for (let i = 0; i < list.length; i++) {
      const m = await measureOnce(list[i], o);
      runs[i].push(m);
      if (m.disturbed) disturbed[i]++;
    }
  }
  return list.map((s, i) => ({
    name: s.name,
    rps: median(runs[i].map((r) => r.rps)),
    cpuUs: median(runs[i].map((r) => r.cpuUs)),
    runs: runs[i].map((r) => r.rps),
    disturbed: disturbed[i],
  }));
}

// ---- the two sections -----------------------------------------------------------------------------

/** A copy of a tutorial directory in a temp dir, with `edit` applied to every file. */
function copyTutorial(name: string, edit: (file: string, text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pipy-bench-${name}-`));
  fs.cpSync(path.join(root, 'tutorial', name), dir, { recursive: true });
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const p = path.join(dir, file);
    if (fs.statSync(p).isFile()) fs.writeFileSync(p, edit(file, fs.readFileSync(p, 'utf8')));
  }
  return dir;
}

export async function benchHello(o: HttpOptions): Promise<Section> {
  const [ours, node, raw] = [await freePort(), await freePort(), await freePort()];
  const dir = copyTutorial('01-hello', (_f, t) => t.replace('.listen(8080)', `.listen('127.0.0.1:${ours}')`));
  try {
    const list: Server[] = [
      { name: 'pipy hello.js', pid: start(0, [...pipy, path.join(dir, 'hello.js')], dir), port: ours, path: '/' },
      { name: 'node:http', pid: start(0, [...servers, 'origin', String(node)]), port: node, path: '/' },
      // The ceiling: canned bytes on a raw socket, no HTTP parsing at all.
      { name: 'node:net canned', pid: start(0, [...servers, 'backend', String(raw)]), port: raw, path: '/' },
    ];
    const rows = await measure(list, o);
    return { title: 'Hello (tutorial/01-hello/hello.js)', rows, target: { versus: 'node:http', ratio: 1.5 } };
  } finally {
    killAll();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchProxy(o: HttpOptions): Promise<Section> {
  const [backend, ours, nodeP, undiciP] = [await freePort(), await freePort(), await freePort(), await freePort()];
  // Every service of balancer.json points at the one backend; the proxy listens on loopback.
  const dir = copyTutorial('02-proxy', (f, t) => {
    if (f === path.join('config', 'balancer.json')) return t.replace(/127\.0\.0\.1:808[0-2]/g, `127.0.0.1:${backend}`);
    if (f === path.join('config', 'proxy.json')) return t.replace('"listen": 8000', `"listen": "127.0.0.1:${ours}"`);
    return t;
  });
  try {
    start(1, [...servers, 'backend', String(backend)]);
    await ready(backend, '/');
    const list: Server[] = [
      { name: 'pipy proxy.js', pid: start(0, [...pipy, path.join(dir, 'proxy.js')], dir), port: ours, path: '/hi/there' },
      { name: 'node:http proxy', pid: start(0, [...servers, 'node-proxy', String(nodeP), String(backend)]), port: nodeP, path: '/hi/there' },
      { name: 'undici proxy', pid: start(0, [...servers, 'undici-proxy', String(undiciP), String(backend)]), port: undiciP, path: '/hi/there' },
    ];
    const rows = await measure(list, o);
    return { title: 'Proxy (tutorial/02-proxy, router + balancer)', rows, target: { versus: 'undici proxy', ratio: 2 } };
  } finally {
    killAll();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
