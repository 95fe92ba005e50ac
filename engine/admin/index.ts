// The modes of `pipy` that involve the admin service or a repo (spec §7.2): no argument (repo with an
// in-memory store), a directory (repo persisted there), a codebase URL (remote worker), and a file run
// with `--admin-port` (worker with the reduced admin service). `bin/pipy` hands its parsed options here
// first and runs a plain file itself when this declines.

import { existsSync, statSync } from 'node:fs';
import { resolve, dirname, basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import { RepoStore } from './repo-store.js';
import { Runner } from './runner.js';
import { AdminServer } from './server.js';
import { RemoteCodebase } from './remote.js';
import { captureLog } from './log-buffer.js';
import { adminTLSFrom, AdminTLSError } from './tls.js';
import type { AdminTLS, AdminTLSOptions } from './tls.js';
import { seedTutorial } from './tutorial.js';
import { processStats } from './metrics.js';
import * as log from '../log.js';

export { RepoStore } from './repo-store.js';
export { AdminServer } from './server.js';
export { Runner } from './runner.js';
export { RemoteCodebase } from './remote.js';

export interface AdminCliOptions extends AdminTLSOptions {
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
  try {
    tls = adminTLSFrom(o);
  } catch (e) {
    if (!(e instanceof AdminTLSError)) throw e;
    process.stderr.write(e.message + '\n');
    return 255;
  }
  if (o.verify) return undefined;
  // Before any worker exists, so even a fixed codebase's first worker counts into the shared registry.
  processStats();
  return startMode(target, { ...o, tls });
}

type Options = AdminCliOptions & { tls?: AdminTLS };

function startMode(target: string | undefined, o: Options): Promise<number | null> | undefined {
  if (target === undefined) return startRepo(o, undefined);
  if (/^https?:\/\//.test(target)) return remoteMode(target, o);
  const abs = resolve(target);
  if (existsSync(abs) && statSync(abs).isDirectory()) return startRepo(o, abs);
  if (o.adminPort !== undefined && existsSync(abs) && statSync(abs).isFile()) return fixedMode(abs, o);
  return undefined;
}

const uuidOf = (o: AdminCliOptions) => o.instanceUuid ?? randomUUID();

async function startRepo(o: Options, dir: string | undefined): Promise<number | null> {
  const runner = new Runner({ allowExec: o.allowExec });
  const port = o.adminPort === undefined ? 6060 : Number(o.adminPort);
  const store = new RepoStore(dir);
  // Only a fresh in-memory repo gets the tutorial; a persistent one holds the user's own codebases.
  if (!dir) seedTutorial(store);
  const server = new AdminServer({ port, address: o.adminAddress, store, runner, uuid: uuidOf(o), name: o.instanceName, tls: o.tls });
  log.info('[admin] Starting admin service...');
  const bound = await listenOrFail(server);
  if (bound === null) return 255;
  banner(o.adminAddress, bound, !!o.tls);
  installSignals(runner, server);
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

/** `pipy http://host:port/path/`: pull and run; `http://host:port` alone would be the admin proxy. */
async function remoteMode(url: string, o: Options): Promise<number | null> {
  if (/^https?:\/\/[^/]+\/?$/.test(url)) {
    process.stderr.write(`admin proxy mode is not supported: ${url}\n`);
    return 255;
  }
  const runner = new Runner({ allowExec: o.allowExec, onExit: (code) => exitNow(code) });
  const interval = Number(process.env.PIPY_REPO_POLL_MS) || 5000;
  const remote = new RemoteCodebase({ url, runner, uuid: uuidOf(o), name: o.instanceName, intervalMs: interval });
  remote.start();
  let server: AdminServer | undefined;
  if (o.adminPort !== undefined) {
    server = new AdminServer({ port: Number(o.adminPort), address: o.adminAddress, runner, uuid: uuidOf(o), name: o.instanceName, version: () => remote.version, tls: o.tls });
    if ((await listenOrFail(server)) === null) return 255;
  }
  installSignals(runner, server, () => remote.stop());
  return null;
}

async function listenOrFail(server: AdminServer): Promise<number | null> {
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

function installSignals(runner: Runner, server?: AdminServer, also?: () => void): void {
  process.on('SIGHUP', () => void runner.restart());
  process.on('SIGINT', () => {
    log.info('[shutdown] Shutting down...');
    also?.();
    runner.stop();
    void server?.close();
    log.info('Stopped.');
    exitNow(255);
  });
}

function exitNow(code: number): void {
  process.stdout.write('Done.\n');
  process.exit(code);
}
