// The black-box runner for the `filters` and `scenarios` suites: each case is a folder holding a
// codebase (`main.js` and any other files) and `case.json`, which says what backends to start, what
// to send, and what must come back. The runner never imports the engine: it spawns a pipy binary
// (ours by default, any other given its path), so the same cases judge real Pipy too.
//
// case.json (every field optional except `steps` or `logs`):
//   ports       number of listener ports to pick (PORT_1 …, default 1)
//   backends    [{ "kind": "echo" } | { "kind": "fixed", "status", "headers", "body" }] → PORT_BACKEND_n
//               a fixed body or header value may say {{HITS}} (requests this backend has served, this one
//               included), {{CONN}} (the number of the TCP connection it came on, 1 for the backend's
//               first), {{PATH}}, {{METHOD}} and {{HEADER:name}} (as the backend received them)
//   args        extra pipy arguments, e.g. ["--allow-exec"]
//   main        entry file (default "main.js")
//   before      [{ "main": "other.js", "waitFor": "…" }] more pipy instances from the same codebase
//   waitFor     log text meaning "ready" (default: the listening line of PORT_1)
//   stdin       text fed to pipy's stdin
//   steps       [{ "request": { method, path, headers, body, port, conn, from }, "save": "name",
//                  "expect": { status, headers, body, bodyContains, bodyMatches, bodyNot, minMs, maxMs } }
//                | { "raw": "bytes", "port": n, "from": address, "idleMs": ms, "expect": { raw, rawContains, rawMatches, closed } }
//                | { "sleep": ms }
//                | { "parallel": [step or [steps…]…], "minMs": ms, "maxMs": ms }
//                | { "write": "path/in/codebase", "text": "…" }
//                | { "signal": "SIGHUP", "waitFor": "log text" }]
//               A request goes on a fresh connection that it closes (`connection: close`), unless it names
//               a `conn`: requests naming the same conn share one keep-alive connection (the runner checks
//               that the connection really was reused). `from` is the client's local address (e.g.
//               "127.0.0.2", any 127.x address works on Linux). `save` keeps the response body as {{name}}
//               for later steps; `bodyMatches` is a regular expression; `bodyNot` must differ from the body;
//               minMs/maxMs bound the time from sending the request to the end of the response, or, on a
//               `parallel` step, the time until all of its steps are done (an array inside `parallel`
//               is a sequence, run in order alongside the others). A `port` may also be a name
//               such as "BACKEND_1", to ask a backend directly (e.g. for its {{HITS}}). `write` changes a
//               file of the (scratch) codebase, placeholders filled; `signal` sends a signal to the main
//               pipy and waits until its log says `waitFor` after that (e.g. a reload after SIGHUP).
//   logs        substrings that must appear in pipy's log (waited for up to 3 s)
//   exitCode    the case passes when pipy exits by itself with this code (load errors)
// Scripts read ports with `os.env.PORT_1`; any case file may also say {{PORT_1}} or
// {{PORT_BACKEND_1}}. Cases run from a scratch copy of their folder, placeholders filled in.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, request as httpRequest, Agent } from 'node:http';
import type { Server, IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
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
interface RequestStep {
  request: { method?: string; path?: string; headers?: Record<string, string>; body?: string; port?: number | string; conn?: string; from?: string };
  save?: string;
  expect?: HttpExpect;
}
interface HttpExpect {
  status?: number; headers?: Record<string, string>; body?: string; bodyContains?: string; bodyMatches?: string; bodyNot?: string;
  minMs?: number; maxMs?: number;
}
interface RawStep { raw: string; port?: number; from?: string; idleMs?: number; expect?: { raw?: string; rawContains?: string; rawMatches?: string; closed?: boolean } }
interface ParallelStep { parallel: (Step | Step[])[]; minMs?: number; maxMs?: number }
interface WriteStep { write: string; text: string }
interface SignalStep { signal: NodeJS.Signals; waitFor?: string }
type Step = RequestStep | RawStep | ParallelStep | WriteStep | SignalStep | { sleep: number };

/** What the steps of one case share: the ports and saved bodies, and the keep-alive connections by name. */
interface StepEnv { vars: Record<string, string>; conns: Map<string, Agent>; codebase: string; main: Proc }

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
    const stepEnv: StepEnv = { vars: { ...env }, conns: new Map(), codebase, main };
    try {
      for (const step of spec.steps ?? []) await runStep(step, stepEnv);
    } finally {
      for (const a of stepEnv.conns.values()) a.destroy();
    }
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
  let hits = 0, conns = 0;
  const connNumber = new WeakMap<Socket, number>();
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    const facts: Record<string, string> = {
      HITS: String(++hits), CONN: String(connNumber.get(req.socket) ?? 0), PATH: req.url ?? '', METHOD: req.method ?? '',
    };
    const subst = (text: string) => text
      .replace(/\{\{(HITS|CONN|PATH|METHOD)\}\}/g, (_, k: string) => facts[k]!)
      .replace(/\{\{HEADER:([^}]+)\}\}/g, (_, k: string) => String(req.headers[k.toLowerCase()] ?? ''));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (b.kind === 'echo') return void res.end(Buffer.concat(chunks));
      res.writeHead(b.status ?? 200, Object.fromEntries(Object.entries(b.headers ?? {}).map(([k, v]) => [k, subst(v)])));
      res.end(subst(b.body ?? ''));
    });
  });
  server.on('connection', (s: Socket) => connNumber.set(s, ++conns));
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return server;
}

// ---- pipy processes ----------------------------------------------------------------------------------

interface Proc {
  stderr: () => string;
  waitFor: (text: string, ms?: number, from?: number) => Promise<void>;
  signal: (sig: NodeJS.Signals) => number;
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
  const waitFor = async (text: string, ms = 10000, from = 0) => {
    const end = Date.now() + ms;
    while (!err.includes(text, from)) {
      if (Date.now() > end || proc.exitCode !== null) throw new Error(`pipy log never said ${JSON.stringify(text)}`);
      await sleep(20);
    }
  };
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await exited;
  };
  /** Sends a signal; returns how much log there was before it. */
  const signal = (sig: NodeJS.Signals) => {
    const at = err.length;
    proc.kill(sig);
    return at;
  };
  return { stderr: () => err, waitFor, stop, exited, signal };
}

async function startReady(pipy: string, codebase: string, main: string, args: string[], env: Record<string, string>, ready: string): Promise<Proc> {
  const p = startProc(pipy, codebase, main, args, env);
  await p.waitFor(ready);
  return p;
}

// ---- steps -------------------------------------------------------------------------------------------

async function runStep(step: Step, env: StepEnv): Promise<void> {
  if ('sleep' in step) return sleep(step.sleep);
  if ('raw' in step) return rawStep(step, env.vars);
  if ('parallel' in step) return parallelStep(step, env);
  if ('write' in step) return writeFileSync(join(env.codebase, step.write), fill(step.text, env.vars));
  if ('signal' in step) {
    const at = env.main.signal(step.signal);
    if (step.waitFor !== undefined) await env.main.waitFor(fill(step.waitFor, env.vars), 10000, at);
    return;
  }
  return requestStep(step, env);
}

async function parallelStep(step: ParallelStep, env: StepEnv): Promise<void> {
  const t0 = Date.now();
  const inOrder = async (steps: Step[]) => {
    for (const s of steps) await runStep(s, env);
  };
  await Promise.all(step.parallel.map((s) => (Array.isArray(s) ? inOrder(s) : runStep(s, env))));
  checkElapsed('parallel steps', Date.now() - t0, step);
}

function checkElapsed(where: string, ms: number, want: { minMs?: number; maxMs?: number }): void {
  if (want.minMs !== undefined && ms < want.minMs) throw new Error(`${where}: took ${ms} ms, expected at least ${want.minMs} ms`);
  if (want.maxMs !== undefined && ms > want.maxMs) throw new Error(`${where}: took ${ms} ms, expected at most ${want.maxMs} ms`);
}

function portOf(n: number | string | undefined, env: Record<string, string>): number {
  return Number(env[`PORT_${n ?? 1}`]);
}

async function requestStep(step: RequestStep, env: StepEnv): Promise<void> {
  const r = step.request;
  const vars = env.vars;
  const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, fill(v, vars)]));
  let agent: Agent | false = false;
  let reused: boolean | undefined;
  if (r.conn !== undefined) {
    reused = env.conns.has(r.conn);
    if (!reused) env.conns.set(r.conn, new Agent({ keepAlive: true, maxSockets: 1 }));
    agent = env.conns.get(r.conn)!;
  }
  const where = `${r.method ?? 'GET'} ${r.path ?? '/'}${r.conn !== undefined ? ` (conn ${r.conn})` : ''}`;
  const t0 = Date.now();
  const res = await send({ port: portOf(r.port, vars), method: r.method ?? 'GET', path: fill(r.path ?? '/', vars), headers, agent, from: r.from }, r.body);
  const elapsed = Date.now() - t0;
  if (reused && !res.reusedSocket) throw new Error(`${where}: the keep-alive connection was not reused`);
  const want = step.expect ?? {};
  if (want.status !== undefined && res.status !== want.status) throw new Error(`${where}: status ${res.status}, expected ${want.status} (body ${JSON.stringify(res.body)})`);
  for (const [k, v] of Object.entries(want.headers ?? {})) {
    if (String(res.headers[k.toLowerCase()]) !== fill(v, vars)) throw new Error(`${where}: header ${k} is ${res.headers[k.toLowerCase()]}, expected ${fill(v, vars)}`);
  }
  if (want.body !== undefined && res.body !== fill(want.body, vars)) throw new Error(`${where}: body ${JSON.stringify(res.body)}, expected ${JSON.stringify(fill(want.body, vars))}`);
  if (want.bodyContains !== undefined && !res.body.includes(fill(want.bodyContains, vars))) throw new Error(`${where}: body ${JSON.stringify(res.body)} lacks ${JSON.stringify(fill(want.bodyContains, vars))}`);
  if (want.bodyMatches !== undefined && !new RegExp(want.bodyMatches).test(res.body)) throw new Error(`${where}: body ${JSON.stringify(res.body)} does not match /${want.bodyMatches}/`);
  if (want.bodyNot !== undefined && res.body === fill(want.bodyNot, vars)) throw new Error(`${where}: body is ${JSON.stringify(res.body)}, expected anything else`);
  checkElapsed(where, elapsed, want);
  if (step.save !== undefined) vars[step.save] = res.body;
}

interface SendOptions { port: number; method: string; path: string; headers: Record<string, string>; agent: Agent | false; from?: string }

function send(o: SendOptions, body?: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: o.port, method: o.method, path: o.path, headers: o.headers, agent: o.agent, localAddress: o.from }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(), reusedSocket: req.reusedSocket }));
      res.on('error', reject);
    });
    req.setTimeout(5000, () => req.destroy(new Error(`${o.method} ${o.path}: no response in 5 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function rawStep(step: RawStep, env: Record<string, string>): Promise<void> {
  const want = step.expect ?? {};
  const mismatch = (text: string): string | null => {
    if (want.raw !== undefined && text !== fill(want.raw, env)) return `got ${JSON.stringify(text)}, expected ${JSON.stringify(want.raw)}`;
    if (want.rawContains !== undefined && !text.includes(fill(want.rawContains, env))) return `got ${JSON.stringify(text)}, lacks ${JSON.stringify(want.rawContains)}`;
    if (want.rawMatches !== undefined && !new RegExp(want.rawMatches).test(text)) return `got ${JSON.stringify(text)}, does not match /${want.rawMatches}/`;
    return null;
  };
  const r = await rawExchange(portOf(step.port, env), fill(step.raw, env), step.idleMs ?? 300, (t) => mismatch(t) === null, step.from);
  const error = mismatch(r.text);
  if (error) throw new Error(`raw: ${error}`);
  if (want.closed !== undefined && r.closed !== want.closed) throw new Error(`raw: connection ${r.closed ? 'closed' : 'stayed open'}`);
}

/** How long a reply that does not yet look as expected may pause before the step gives up on it. */
const slowReplyMs = 5000;

/**
 * Sends bytes; collects everything until the server closes or a quiet spell passes: `idleMs` once
 * the text looks as expected (`complete`), `slowReplyMs` before, so a loaded machine's slow second
 * response is waited for rather than taken as missing.
 */
function rawExchange(port: number, data: string, idleMs: number, complete: (text: string) => boolean, from?: string): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', localAddress: from });
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const text = () => Buffer.concat(chunks).toString('latin1');
    const done = (closed: boolean) => (clearTimeout(timer), s.destroy(), resolve({ text: text(), closed }));
    const arm = () => (clearTimeout(timer), (timer = setTimeout(() => done(false), complete(text()) ? idleMs : slowReplyMs)));
    s.on('connect', () => (s.write(data), arm()));
    s.on('data', (b) => (chunks.push(b), arm()));
    s.on('end', () => done(true));
    s.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
