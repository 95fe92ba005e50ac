// Running a fixed local codebase (spec §6.5, §6.6, §6.9, §7.2 mode 5): load the entry module, print
// graphs, start the worker; reload on SIGHUP, shut down gracefully on SIGINT. The `pipy` command is a
// thin layer over `runFile`.

import { existsSync, statSync } from 'node:fs';
import cluster from 'node:cluster';
import { resolve, dirname, basename } from 'node:path';
import { Codebase } from './codebase.js';
import { Worker, LoadError } from './worker.js';
import { ConfigError } from './errors.js';
import { Listener } from './net/listener.js';
import { liveCounts } from './pipeline.js';
import { PipyJSError } from '../interpreter/index.js';
import * as log from './log.js';

export interface RunOptions {
  verify?: boolean;
  allowExec?: boolean;
  /** Print every syntax diagnostic as `file:line:col: message` (on stderr). */
  diagnostics?: boolean;
  /** Called with the exit code when the program ends; default `process.exit`. */
  exit?: (code: number) => void;
  /** Install SIGINT/SIGHUP handlers (the CLI does; embedders may not want them). */
  signals?: boolean;
}

export class Program {
  private worker: Worker | null = null;
  private codebase: Codebase;
  private entry: string;
  private stopping = false;
  private waitTimer: NodeJS.Timeout | null = null;

  constructor(private readonly file: string, private readonly options: RunOptions) {
    this.codebase = new Codebase(dirname(file));
    this.entry = '/' + basename(file);
  }

  /** Loads the codebase; returns the worker or null when loading failed (already logged). */
  private load(): Worker | null {
    const worker = new Worker(this.codebase, {
      allowExec: !!this.options.allowExec,
      onExit: (code) => this.shutdown(code),
      onRestart: () => void this.reload(),
    });
    try {
      worker.load(this.entry);
      return worker;
    } catch (e) {
      if (e instanceof LoadError) return this.reportDiagnostics(), null;
      throw e;
    }
  }

  private reportDiagnostics(): void {
    if (!this.options.diagnostics) return;
    for (const d of lastSyntaxDiagnostics.splice(0)) process.stderr.write(d + '\n');
  }

  /** Loads, then (unless verifying) starts. Resolves with false when the program could not start. */
  async start(): Promise<boolean> {
    const worker = this.load();
    if (!worker) return false;
    if (this.options.verify) return true;
    // Before starting: a signal may come as soon as the first listener has logged its port.
    this.worker = worker;
    if (this.options.signals) this.installSignals();
    try {
      await worker.start();
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      log.error(e.message);
      worker.stop();
      this.worker = null;
      return false;
    }
    return true;
  }

  private installSignals(): void {
    const handle = (sig: string) => (sig === 'SIGINT' ? this.shutdown(255) : sig === 'SIGHUP' ? void this.reload() : undefined);
    if (!cluster.isWorker) {
      process.on('SIGINT', () => handle('SIGINT'));
      process.on('SIGHUP', () => handle('SIGHUP'));
      return;
    }
    // A PIPY_SPAWN worker acts on what the primary relays: a Ctrl-C reaches the whole process group,
    // and acting on both would turn one SIGINT into a forced shutdown.
    process.on('SIGINT', () => {});
    process.on('SIGHUP', () => {});
    process.on('message', (m: { pipySignal?: string }) => m && typeof m.pipySignal === 'string' && handle(m.pipySignal));
  }

  async reload(): Promise<void> {
    if (!this.worker) return log.info('[restart] No program running');
    log.info('[restart] Reloading codebase...');
    const old = this.worker;
    const next = this.load();
    try {
      if (!next) throw new ConfigError('');
      await next.start();
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      if (e.message) log.error(e.message);
      // The old worker keeps serving: ports the new one opened close, shared ones point back.
      next?.stop(old.listeners);
      await old.repoint();
      return log.info('[restart] Failed reloading codebase');
    }
    old.stop(next.listeners);
    this.worker = next;
    log.info('[restart] Codebase reloaded');
  }

  /** Graceful shutdown (§6.6); a second request forces it. */
  shutdown(code: number): void {
    if (this.stopping) {
      log.info('[shutdown] Forcing to shut down...');
      log.info('[shutdown] Stopped.');
      return this.exit(code);
    }
    this.stopping = true;
    log.info('[shutdown] Shutting down...');
    // Stopping the worker forgets its listeners, so their connections are collected first.
    const connections = Listener.all().flatMap((l) => [...l.connections]);
    this.worker?.stop();
    for (const c of connections) c.close();
    this.waitForPipelines(code);
  }

  private waitForPipelines(code: number): void {
    if (liveCounts.active <= 0) {
      log.info('Stopped.');
      return this.exit(code);
    }
    log.info(`[shutdown] Waiting for remaining ${liveCounts.active} pipelines...`);
    this.waitTimer = setTimeout(() => this.waitForPipelines(code), 1000);
  }

  private exit(code: number): void {
    if (this.waitTimer) clearTimeout(this.waitTimer);
    process.stdout.write('Done.\n');
    (this.options.exit ?? process.exit)(code);
  }

  /** The port a listener of this program actually bound (tests use port numbers they chose). */
  listeners(): Listener[] {
    return this.worker?.listeners ?? [];
  }
}

/** Syntax diagnostics of the last failed load, as `file:line:col: message`. */
const lastSyntaxDiagnostics: string[] = [];

export function recordDiagnostics(e: unknown, hostPath: string): void {
  if (!(e instanceof PipyJSError) || e.kind !== 'syntax') return;
  for (const d of e.diagnostics ?? []) lastSyntaxDiagnostics.push(`${hostPath}:${d.line}:${d.column}: ${d.message}`);
}

/** `pipy <file>`: checks the file exists, then runs (or verifies) it. Returns the exit code when it ends early. */
export async function runFile(path: string, options: RunOptions): Promise<number | null> {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    process.stderr.write(`file or directory does not exist: ${abs}\n`);
    return 255;
  }
  if (!statSync(abs).isFile()) {
    process.stderr.write(`cannot open file: ${abs}\n`);
    return 255;
  }
  process.chdir(dirname(abs));
  const program = new Program(abs, options);
  const ok = await program.start();
  if (options.verify || !ok) {
    log.info('[shutdown] Shutting down...');
    log.info('Stopped.');
    process.stdout.write('Done.\n');
    return ok ? 0 : 255;
  }
  return null;
}
