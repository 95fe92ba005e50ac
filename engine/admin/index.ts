// The modes of `pipy` that involve the admin service or a repo (spec §7.2): no argument (repo with an
// in-memory store), a directory (repo persisted there), a repo address (`host:port` or a URL with
// nothing after the port: the console proxied to that repo), a codebase URL (remote worker), and a file
// run with `--admin-port` (worker with the reduced admin service). `bin/pipy` hands its parsed options
// here first and runs a plain file itself when this declines.

import { existsSync, statSync } from 'node:fs';
import { resolve, dirname, basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import { RepoStore } from './repo-store.js';
import { Runner } from './runner.js';
import { AdminServer } from './server.js';
import { RemoteCodebase } from './remote.js';
import { AdminProxy } from './admin-proxy.js';
import { captureLog } from './log-buffer.js';
import { adminTLSFrom, clientTLSFrom, AdminTLSError } from './tls.js';
import type { AdminTLS, AdminTLSOptions, ClientTLS, ClientTLSOptions } from './tls.js';
import { seedTutorial } from './tutorial.js';
import { processStats } from './metrics.js';
import * as log from '../log.js';

export { RepoStore } from './repo-store.js';
export { AdminServer } from './server.js';
export { Runner } from './runner.js';
export { RemoteCodebase } from './remote.js';
export { AdminProxy } from './admin-proxy.js';

export interface AdminCliOptions extends AdminTLSOptions, ClientTLSOptions {
  adminPort?: string;
  /** Interface the admin service binds to (default 127.0.0.1; the console can run scripts). */
  adminAddress?: string;
  instanceUuid?: string;
  instanceName?: string;
  allowExec?: boolean;
  verify?: boolean;
}

/** Exit code when the mode ended at once, null when it keeps running, undefined when not an admin mode. */
export async function startAdmin(target: string | undefined, o: AdminCliOptions): Promise<number | null | undefined> {
  captureLog();
  let tls: AdminTLS | undefined;
  let clientTLS: ClientTLS | undefined;
  try {
    tls = adminTLSFrom(o);
    clientTLS = clientTLSFrom(o);
  } catch (e) {
    if (!(e instanceof AdminTLSError)) throw e;
    process.stderr.write(e.message + '\n');
    return 255;
  }
  if (o.verify) return undefined;
  // Before any worker exists, so even a fixed codebase's first worker counts into the shared registry.
  processStats();
  return startMode(target, { ...o, tls, clientTLS });
}

type Options = AdminCliOptions & { tls?: AdminTLS; clientTLS?: ClientTLS };

function startMode(target: string | undefined, o: Options): Promise<number | null> | undefined {
  if (target === undefined) return startRepo(o, undefined);
  if (/^https?:\/\/[^/?#]+\/?$/.test(target)) return proxyMode(target, o);
  if (/^https?:\/\//.test(target)) return remoteMode(target, o);
  const abs = resolve(target);
  const found = existsSync(abs) ? statSync(abs) : undefined;
  if (found?.isDirectory()) return startRepo(o, abs);
  if (found?.isFile() && o.adminPort !== undefined) return fixedMode(abs, o);
  // A file or directory of that name wins; only then is `host:port` a repo's address.
  if (!found && isHostPort(target)) return proxyMode(`http://${target}`, o);
  return undefined;
}

/** `name:port`, `1.2.3.4:port` or `[::1]:port`. */
function isHostPort(s: string): boolean {
  return /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/.test(s) && Number(s.slice(s.lastIndexOf(':') + 1)) <= 65535;
}

const uuidOf = (o: AdminCliOptions) => o.instanceUuid ?? randomUUID();
const consolePort = (o: AdminCliOptions) => (o.adminPort === undefined ? 6060 : Number(o.adminPort));

async function startRepo(o: Options, dir: string | undefined): Promise<number | null> {
  const runner = new Runner({ allowExec: o.allowExec });
  const port = consolePort(o);
  const store = new RepoStore(dir);
  // Only a fresh in-memory repo gets the tutorial; a persistent one holds the user's own codebases.
  if (!dir) seedTutorial(store);
  const server = new AdminServer({ port, address: o.adminAddress, store, runner, uuid: uuidOf(o), name: o.instanceName, tls: o.tls });
  log.info('[admin] Starting admin service...');
  return openConsole(server, o, runner);
}

/** `pipy host:port`: the console here, its API calls answered by the repo there. */
async function proxyMode(repo: string, o: Options): Promise<number | null> {
  const proxy = new AdminProxy({ repo, port: consolePort(o), address: o.adminAddress, tls: o.tls, clientTLS: o.clientTLS });
  log.info('[admin] Starting admin proxy...');
  return openConsole(proxy, o);
}

/** Listens, then tells the user where the console is; 255 when the port cannot be had. */
async function openConsole(service: Service, o: Options, runner?: Runner): Promise<number | null> {
  const bound = await listenOrFail(service);
  if (bound === null) return 255;
  banner(o.adminAddress, bound, !!o.tls);
  installSignals(runner, service);
  return null;
}

async function fixedMode(file: string, o: Options): Promise<number | null> {
  process.chdir(dirname(file));
  const runner = new Runner({ allowExec: o.allowExec, onExit: (code) => exitNow(code) });
  if (!(await runner.run('/', { dir: dirname(file), main: '/' + basename(file) }))) return 255;
  const server = new AdminServer({ port: Number(o.adminPort), address: o.adminAddress, runner, uuid: uuidOf(o), name: o.instanceName, tls: o.tls });
  log.info('[admin] Starting admin service...');
  if ((await listenOrFail(server)) === null) return 255;
  installSignals(runner, server);
  return null;
}

/** `pipy http://host:port/path/`: pull and run. */
async function remoteMode(url: string, o: Options): Promise<number | null> {
  const runner = new Runner({ allowExec: o.allowExec, onExit: (code) => exitNow(code) });
  const interval = Number(process.env.PIPY_REPO_POLL_MS) || 5000;
  const remote = new RemoteCodebase({ url, runner, uuid: uuidOf(o), name: o.instanceName, intervalMs: interval, tls: o.clientTLS });
  remote.start();
  let server: AdminServer | undefined;
  if (o.adminPort !== undefined) {
    server = new AdminServer({ port: Number(o.adminPort), address: o.adminAddress, runner, uuid: uuidOf(o), name: o.instanceName, version: () => remote.version, tls: o.tls });
    if ((await listenOrFail(server)) === null) return 255;
  }
  installSignals(runner, server, () => remote.stop());
  return null;
}

interface Service {
  listen(): Promise<number>;
  close(): Promise<void>;
}

async function listenOrFail(server: Service): Promise<number | null> {
  try {
    return await server.listen();
  } catch (e) {
    log.error(`[admin] Cannot start admin service: ${(e as Error).message}`);
    return null;
  }
}

function banner(address: string | undefined, port: number, secure: boolean): void {
  const host = !address || address === '127.0.0.1' || address === '::1' ? 'localhost' : address;
  const line = '='.repeat(45);
  const scheme = secure ? 'https' : 'http';
  process.stdout.write(`\n${line}\n\n  You can now view Pipy GUI in the browser:\n\n    ${scheme}://${host}:${port}/\n\n${line}\n\n`);
}

/** SIGHUP restarts the program (if any), SIGINT shuts down like Pipy (§6.6). */
function installSignals(runner: Runner | undefined, server?: Service, also?: () => void): void {
  if (runner) process.on('SIGHUP', () => void runner.restart());
  process.on('SIGINT', () => {
    log.info('[shutdown] Shutting down...');
    also?.();
    runner?.stop();
    void server?.close();
    log.info('Stopped.');
    exitNow(255);
  });
}

function exitNow(code: number): void {
  process.stdout.write('Done.\n');
  process.exit(code);
}
