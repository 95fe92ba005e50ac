// The black-box runner for the `filters` and `scenarios` suites: each case is a folder holding a
// codebase (`main.js` and any other files) and `case.json`, which says what backends to start, what
// to send, and what must come back. The runner never imports the engine: it spawns a pipy binary
// (ours by default, any other given its path), so the same cases judge real Pipy too.
//
// case.json (every field optional except `steps` or `logs`):
//   ports       number of listener ports to pick (PORT_1 …, default 1)
//   backends    [{ "kind": "echo" } | { "kind": "fixed", "status", "headers", "body" }] → PORT_BACKEND_n
//   args        extra pipy arguments, e.g. ["--allow-exec"]
//   main        entry file (default "main.js")
//   before      [{ "main": "other.js", "waitFor": "…" }] more pipy instances from the same codebase
//   waitFor     log text meaning "ready" (default: the listening line of PORT_1)
//   stdin       text fed to pipy's stdin
//   steps       [{ "request": { method, path, headers, body, port }, "expect": { status, headers, body, bodyContains } }
//                | { "raw": "bytes", "port": n, "idleMs": ms, "expect": { raw, rawContains, closed } }
//                | { "sleep": ms }]
//   logs        substrings that must appear in pipy's log (waited for up to 3 s)
//   exitCode    the case passes when pipy exits by itself with this code (load errors)
// Scripts read ports with `os.env.PORT_1`; any case file may also say {{PORT_1}} or
// {{PORT_BACKEND_1}}. Cases run from a scratch copy of their folder, placeholders filled in.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { Server, IncomingHttpHeaders } from 'node:http';
import { createServer as createNetServer, connect } from 'node:net';
import { readdirSync, readFileSync, existsSync, statSync, mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';

export interface CaseResult {
  file: string;
  ok: boolean;
  detail: string;
}

interface Backend { kind: 'echo' | 'fixed'; status?: number; headers?: Record<string, string>; body?: string }
interface RequestStep { request: { method?: string; path?: string; headers?: Record<string, string>; body?: string; port?: number }; expect?: HttpExpect }
interface HttpExpect { status?: number; headers?: Record<string, string>; body?: string; bodyContains?: string }
interface RawStep { raw: string; port?: number; idleMs?: number; expect?: { raw?: string; rawContains?: string; closed?: boolean } }
type Step = RequestStep | RawStep | { sleep: number };

interface CaseSpec {
  ports?: number;
  backends?: Backend[];
  args?: string[];
  main?: string;
  before?: { main: string; waitFor?: string }[];
  waitFor?: string;
  stdin?: string;
  steps?: Step[];
  logs?: string[];
  exitCode?: number;
}

// ---- discovery ---------------------------------------------------------------------------------------

/** Every folder under `root` that holds a case.json, sorted. */
export function blackBoxCases(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (existsSync(join(dir, 'case.json'))) return void out.push(dir);
    for (const e of readdirSync(dir).sort()) if (statSync(join(dir, e)).isDirectory()) walk(join(dir, e));
  };
  if (existsSync(root)) walk(root);
  return out;
}

export async function runBlackBoxSuite(root: string, pipy: string): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const dir of blackBoxCases(root)) results.push(await runBlackBoxCase(dir, pipy, relative(root, dir)));
  return results;
}

// ---- one case ----------------------------------------------------------------------------------------

export async function runBlackBoxCase(dir: string, pipy: string, name = dir): Promise<CaseResult> {
  const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseSpec;
  const env = await pickPorts(spec);
  const servers = await Promise.all((spec.backends ?? []).map((b, i) => startBackend(b, Number(env[`PORT_BACKEND_${i + 1}`]))));
  const procs: Proc[] = [];
  try {
    const codebase = materialize(dir, env);
    for (const b of spec.before ?? []) procs.push(await startReady(pipy, codebase, b.main, [], env, fill(b.waitFor ?? 'Listening on port', env)));
    const main = startProc(pipy, codebase, spec.main ?? 'main.js', spec.args ?? [], env, spec.stdin);
    procs.push(main);
    if (spec.exitCode !== undefined) return await expectExit(name, main, spec);
    await main.waitFor(fill(spec.waitFor ?? 'Listening on port {{PORT_1}}', env));
    for (const step of spec.steps ?? []) await runStep(step, env);
    for (const l of spec.logs ?? []) await main.waitFor(fill(l, env), 3000);
    return { file: name, ok: true, detail: '' };
  } catch (e) {
    const log = procs.map((p) => p.stderr()).join('\n--- next pipy ---\n');
    return { file: name, ok: false, detail: `${(e as Error).message}\n--- pipy log ---\n${log.slice(-3000)}` };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
    for (const s of servers) s.closeAllConnections(), s.close();
  }
}

async function expectExit(name: string, p: Proc, spec: CaseSpec): Promise<CaseResult> {
  const code = await Promise.race([p.exited, sleep(10000).then(() => 'still running')]);
  if (code !== spec.exitCode) throw new Error(`expected exit code ${spec.exitCode}, got ${code}`);
  for (const l of spec.logs ?? []) if (!p.stderr().includes(l)) throw new Error(`log lacks ${JSON.stringify(l)}`);
  return { file: name, ok: true, detail: '' };
}

// ---- ports and files ---------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function pickPorts(spec: CaseSpec): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (let i = 1; i <= (spec.ports ?? 1); i++) env[`PORT_${i}`] = String(await freePort());
  for (let i = 1; i <= (spec.backends ?? []).length; i++) env[`PORT_BACKEND_${i}`] = String(await freePort());
  return env;
}

function fill(text: string, env: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => env[k] ?? m);
}

/**
 * A scratch copy of the case folder with {{…}} placeholders filled in: scripts that write files
 * (tee, os.writeFile) then never touch the source tree.
 */
function materialize(dir: string, env: Record<string, string>): string {
  const copy = mkdtempSync(join(tmpdir(), 'pipy-case-'));
  cpSync(dir, copy, { recursive: true });
  for (const f of listFiles(dir)) {
    const text = readFileSync(f, 'utf8');
    if (text.includes('{{')) writeFileSync(join(copy, relative(dir, f)), fill(text, env));
  }
  return copy;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? listFiles(join(dir, e)) : [join(dir, e)]));
}

// ---- backends ----------------------------------------------------------------------------------------

async function startBackend(b: Backend, port: number): Promise<Server> {
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (b.kind === 'echo') return void res.end(Buffer.concat(chunks));
      res.writeHead(b.status ?? 200, b.headers ?? {});
      res.end(b.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return server;
}

// ---- pipy processes ----------------------------------------------------------------------------------

interface Proc {
  stderr: () => string;
  waitFor: (text: string, ms?: number) => Promise<void>;
  stop: () => Promise<void>;
  exited: Promise<number | null>;
}

function startProc(pipy: string, codebase: string, main: string, args: string[], env: Record<string, string>, stdin?: string): Proc {
  const proc: ChildProcess = spawn(pipy, [...args, join(codebase, main)], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (b) => (err += b));
  proc.stdout!.on('data', () => {});
  proc.stdin!.on('error', () => {});
  proc.stdin!.end(stdin ?? '');
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const waitFor = async (text: string, ms = 10000) => {
    const end = Date.now() + ms;
    while (!err.includes(text)) {
      if (Date.now() > end || proc.exitCode !== null) throw new Error(`pipy log never said ${JSON.stringify(text)}`);
      await sleep(20);
    }
  };
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await exited;
  };
  return { stderr: () => err, waitFor, stop, exited };
}

async function startReady(pipy: string, codebase: string, main: string, args: string[], env: Record<string, string>, ready: string): Promise<Proc> {
  const p = startProc(pipy, codebase, main, args, env);
  await p.waitFor(ready);
  return p;
}

// ---- steps -------------------------------------------------------------------------------------------

async function runStep(step: Step, env: Record<string, string>): Promise<void> {
  if ('sleep' in step) return sleep(step.sleep);
  if ('raw' in step) return rawStep(step, env);
  return requestStep(step, env);
}

function portOf(n: number | undefined, env: Record<string, string>): number {
  return Number(env[`PORT_${n ?? 1}`]);
}

async function requestStep(step: RequestStep, env: Record<string, string>): Promise<void> {
  const r = step.request;
  const res = await send(portOf(r.port, env), r.method ?? 'GET', fill(r.path ?? '/', env), r.headers ?? {}, r.body);
  const want = step.expect ?? {};
  const where = `${r.method ?? 'GET'} ${r.path ?? '/'}`;
  if (want.status !== undefined && res.status !== want.status) throw new Error(`${where}: status ${res.status}, expected ${want.status}`);
  for (const [k, v] of Object.entries(want.headers ?? {})) {
    if (String(res.headers[k.toLowerCase()]) !== fill(v, env)) throw new Error(`${where}: header ${k} is ${res.headers[k.toLowerCase()]}, expected ${v}`);
  }
  if (want.body !== undefined && res.body !== fill(want.body, env)) throw new Error(`${where}: body ${JSON.stringify(res.body)}, expected ${JSON.stringify(want.body)}`);
  if (want.bodyContains !== undefined && !res.body.includes(fill(want.bodyContains, env))) throw new Error(`${where}: body ${JSON.stringify(res.body)} lacks ${JSON.stringify(want.bodyContains)}`);
}

function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.setTimeout(5000, () => req.destroy(new Error(`${method} ${path}: no response in 5 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function rawStep(step: RawStep, env: Record<string, string>): Promise<void> {
  const r = await rawExchange(portOf(step.port, env), fill(step.raw, env), step.idleMs ?? 300);
  const want = step.expect ?? {};
  if (want.raw !== undefined && r.text !== fill(want.raw, env)) throw new Error(`raw: got ${JSON.stringify(r.text)}, expected ${JSON.stringify(want.raw)}`);
  if (want.rawContains !== undefined && !r.text.includes(fill(want.rawContains, env))) throw new Error(`raw: got ${JSON.stringify(r.text)}, lacks ${JSON.stringify(want.rawContains)}`);
  if (want.closed !== undefined && r.closed !== want.closed) throw new Error(`raw: connection ${r.closed ? 'closed' : 'stayed open'}`);
}

/** Sends bytes; collects everything until the server closes or `idleMs` passes quietly. */
function rawExchange(port: number, data: string, idleMs: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => (clearTimeout(timer), s.destroy(), resolve({ text: Buffer.concat(chunks).toString('latin1'), closed }));
    const arm = () => (clearTimeout(timer), (timer = setTimeout(() => done(false), idleMs)));
    s.on('connect', () => (s.write(data), arm()));
    s.on('data', (b) => (chunks.push(b), arm()));
    s.on('end', () => done(true));
    s.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
