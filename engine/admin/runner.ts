// Runs one codebase at a time for the admin service and remote workers (spec §6.5, §9.2 program
// endpoints). A codebase held in memory (repo store, download) is written to a fresh temporary
// directory first: the engine's Codebase and the stdlib's file access are rooted in a directory, and a
// private copy per run means a swap never changes files under a worker that is still serving.
//
// Starting while another worker runs is a reload: the new worker opens (or re-points) its ports, then
// the old one's remaining ports close. Established connections stay on the old pipelines and finish.

import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { Codebase } from '../codebase.js';
import { Worker, LoadError } from '../worker.js';
import { ConfigError } from '../errors.js';
import { moduleGraphJSON } from './graph-json.js';
import type { GraphJSON } from './graph-json.js';
import type { PipelineLayout } from '../pipeline.js';
import * as log from '../log.js';

export interface RunnerOptions {
  allowExec?: boolean;
  /** `pipy.exit()` from a script; default: just stop the worker. */
  onExit?: (code: number) => void;
}

/** Where a run's files come from: a directory on disk, or an in-memory tree to materialize. */
export type Source = { dir: string; main: string } | { files: Record<string, string | Buffer>; main: string };

export class Runner {
  private worker: Worker | null = null;
  private tempDir: string | null = null;
  private source: Source | null = null;
  /** The running codebase's name as `GET /api/v1/program` reports it ('' when stopped). */
  name = '';

  constructor(private readonly options: RunnerOptions = {}) {}

  get running(): boolean {
    return this.worker !== null;
  }

  get main(): string {
    return this.source?.main ?? '';
  }

  /** The directory the running worker reads from. */
  get root(): string | null {
    return this.worker?.codebase.root ?? null;
  }

  /** Loads and starts `source`, swapping out the running worker; false when it failed (logged). */
  async run(name: string, source: Source): Promise<boolean> {
    const reloading = this.worker !== null;
    if (reloading) log.info('[restart] Reloading codebase...');
    const dir = 'dir' in source ? source.dir : materialize(source.files);
    const next = await this.startWorker(dir, source.main);
    if (!next) {
      if (!('dir' in source)) rmSync(dir, { recursive: true, force: true });
      if (reloading) log.info('[restart] Failed reloading codebase');
      return false;
    }
    this.retire(next);
    this.replaceTemp('dir' in source ? null : dir);
    this.worker = next;
    this.source = source;
    this.name = name;
    if (reloading) log.info('[restart] Codebase reloaded');
    return true;
  }

  /** Reruns the current codebase (`pipy.restart()`, `POST /api/v1/program` with `/`). */
  async restart(): Promise<boolean> {
    if (!this.source) return log.info('[restart] No program running'), false;
    return this.run(this.name, this.source);
  }

  private async startWorker(dir: string, main: string): Promise<Worker | null> {
    const worker = new Worker(new Codebase(dir), {
      allowExec: !!this.options.allowExec,
      onExit: (code) => (this.options.onExit ? this.options.onExit(code) : this.stop()),
      onRestart: () => void this.restart(),
    });
    try {
      worker.load(main);
      await worker.start();
      return worker;
    } catch (e) {
      if (e instanceof ConfigError) log.error(e.message);
      else if (!(e instanceof LoadError)) log.error(String(e instanceof Error ? e.message : e));
      const shared = new Set(this.worker?.listeners ?? []);
      for (const l of worker.listeners) if (!shared.has(l)) l.close();
      return null;
    }
  }

  /** Stops the old worker's tasks and closes the ports the new one no longer uses. */
  private retire(next: Worker): void {
    const old = this.worker;
    if (!old) return;
    const kept = new Set(next.listeners);
    for (const l of old.listeners) if (!kept.has(l)) l.close();
    // Worker.stop() would also close the ports the new worker now owns, so only its tasks are stopped.
    (old.listeners as unknown[]).length = 0;
    old.stop();
  }

  private replaceTemp(dir: string | null): void {
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    this.tempDir = dir;
  }

  /** Changes the entry module used by the next (re)start. */
  setMain(main: string): void {
    if (this.source) this.source = { ...this.source, main };
  }

  stop(): void {
    if (!this.worker) return;
    this.worker.stop();
    this.worker = null;
    this.source = null;
    this.name = '';
    this.replaceTemp(null);
  }

  /** The running worker's root and named pipeline layouts (for `pipy_pipeline_count`). */
  layouts(): PipelineLayout[] {
    return (this.worker?.modules ?? []).flatMap((m) => [...m.roots, ...(m.config?.named.values() ?? [])]);
  }

  /** `{"/main.js": {graph}, …}` of the running worker's modules, for the status JSON. */
  modules(): Record<string, { graph: GraphJSON }> {
    const out: Record<string, { graph: GraphJSON }> = {};
    for (const m of this.worker?.modules ?? []) out[m.path] = { graph: moduleGraphJSON(m) };
    return out;
  }
}

function materialize(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipy-codebase-'));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, '.' + path);
    if (!abs.startsWith(dir + '/')) continue;
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}
