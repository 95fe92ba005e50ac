// A worker: the modules loaded from one codebase, their realm, and what they run (spec §1.6, §6).
// Loading evaluates the entry module (and, through `use`, the modules it names) and prints each
// module's graph; starting binds exports and imports, binds sub-pipeline names, opens the listeners
// and starts the tasks. Any failure is logged Pipy's way and aborts the start.

import { Realm, PipyJSError, HostFunction, GuestObject, guestError, typeError } from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { Module } from './module.js';
import { Configuration, newConfiguration } from './configuration.js';
import { Codebase } from './codebase.js';
import { ConfigError } from './errors.js';
import { moduleGraph } from './graph.js';
import { normalizePath } from './units.js';
import { Listener } from './net/listener.js';
import { Task } from './task.js';
import { FileReader } from './reader.js';
import { jsonOf } from './guest-json.js';
import { makeData } from './events.js';
import { realmGlobals } from './globals.js';
import { recordDiagnostics } from './program.js';
import * as log from './log.js';

/** A module failed to load; the reason has been logged already. */
export class LoadError extends Error {}

export interface WorkerOptions {
  allowExec: boolean;
  /** Called by `pipy.exit(code)` and `pipy.restart()`. */
  onExit?: (code: number) => void;
  onRestart?: () => void;
}

export class Worker {
  readonly realm: Realm;
  readonly modules: Module[] = [];
  private readonly byPath = new Map<string, Module>();
  private readonly loading: Module[] = [];
  private prototypes: unknown[][] = [];
  private tasks: Task[] = [];
  private readers: FileReader[] = [];
  readonly listeners: Listener[] = [];

  constructor(readonly codebase: Codebase, readonly options: WorkerOptions) {
    this.realm = new Realm({ guestGlobals: realmGlobals(this, this.pipyGlobal()) });
  }

  // ---- loading -----------------------------------------------------------------------------------

  /** Loads a module once per path (cached before evaluation, so circular `use` gets the half-loaded one). */
  load(path: string): Module {
    const p = normalizePath(path);
    const cached = this.byPath.get(p);
    if (cached) return cached;
    const source = this.codebase.read(p);
    if (source === null) {
      log.error(`[pjs] Cannot open script at ${p}`);
      throw new LoadError(p);
    }
    const m = new Module(this, this.modules.length, p, source.toString('utf8'));
    this.modules.push(m);
    this.byPath.set(p, m);
    this.evaluate(m);
    return m;
  }

  /** `use(...)` loading from inside another module's evaluation: failures become a script error there. */
  loadUsed(file: string, nameInError: string): Module {
    try {
      return this.load(file);
    } catch (e) {
      if (e instanceof LoadError) throw guestError('Error', `[pjs] Cannot load module: ${nameInError}`);
      throw e;
    }
  }

  private evaluate(m: Module): void {
    let value: unknown;
    this.loading.push(m);
    try {
      m.script = this.realm.compile(m.source, { filename: m.path, scope: m.scope });
      value = m.script.runGuest({ context: null });
    } catch (e) {
      this.logScriptError(e);
      recordDiagnostics(e, this.codebase.root + m.path);
      throw new LoadError(m.path);
    } finally {
      this.loading.pop();
    }
    if (!(value instanceof Configuration)) this.notConfiguration(value);
    m.adopt(value as Configuration);
    this.printGraph(m);
  }

  private notConfiguration(value: unknown): never {
    log.error('[pjs] Script was not evaluated to Configuration:');
    log.info(typeof value === 'object' && value !== null ? jsonOf(value) : String(value));
    throw new LoadError('');
  }

  private printGraph(m: Module): void {
    const { lines, errors } = moduleGraph(m);
    for (const l of lines) log.info(l);
    if (errors.length) {
      log.error(`[config] ${errors[0]}`);
      throw new LoadError(m.path);
    }
  }

  logScriptError(e: unknown): void {
    if (!(e instanceof PipyJSError)) throw e;
    log.scriptError(e, (f) => this.byPath.get(f)?.source);
  }

  private pipyGlobal(): HostFunction {
    const pipy = new HostFunction('pipy::Pipy', (args, rt) => this.pipyCall(args, rt), 1);
    const props = new GuestObject();
    props.load = new HostFunction('load', (args) => {
      if (typeof args[0] !== 'string') throw typeError('argument #1 expects a string');
      const buf = this.codebase.read(args[0]);
      return buf ? makeData(buf) : null;
    }, 1);
    props.exit = new HostFunction('exit', (args) => void this.options.onExit?.(typeof args[0] === 'number' ? args[0] : 0));
    props.restart = new HostFunction('restart', () => void this.options.onRestart?.());
    pipy.props = props;
    return pipy;
  }

  private pipyCall(args: unknown[], rt: Runtime): Configuration {
    const m = this.loading[this.loading.length - 1];
    if (!m) throw guestError('Error', 'pipy() can only be called while a module loads');
    return newConfiguration(m, args, rt);
  }

  // ---- starting ----------------------------------------------------------------------------------

  /** Binds variables and layouts, then opens ports and starts tasks. Throws ConfigError (logged by the caller). */
  async start(): Promise<void> {
    this.bindExports();
    this.bindImports();
    this.checkExec();
    for (const m of this.modules) for (const l of [...m.roots, ...(m.config?.named.values() ?? [])]) l.bind();
    this.prototypes = [[null], ...this.modules.map((m) => m.prototype)];
    await this.openListeners();
    for (const m of this.modules) for (const t of m.config?.tasks ?? []) this.tasks.push(new Task(t.layout, t.when, this.prototypes));
    for (const t of this.tasks) t.start();
    for (const m of this.modules) for (const r of m.config?.reads ?? []) this.readers.push(new FileReader(r.layout, r.path, this.codebase, this.prototypes));
    for (const r of this.readers) r.start();
  }

  private bindExports(): void {
    const seen = new Map<string, Module>();
    for (const m of this.modules) {
      const own = new Set(m.config!.variables.map(([n]) => n));
      for (const e of m.config!.exports) {
        if (own.has(e.name)) throw new ConfigError(`duplicated variable name ${e.name}`);
        own.add(e.name);
        const key = `${e.ns}\0${e.name}`;
        if (seen.has(key)) throw new ConfigError(`duplicated variable exporting name ${e.name} from ${m.path}`);
        seen.set(key, m);
      }
    }
    this.exported = seen;
  }

  private exported = new Map<string, Module>();

  private bindImports(): void {
    for (const m of this.modules) {
      for (const { name, ns } of m.config!.imports) {
        const from = this.exported.get(`${ns}\0${name}`);
        const slot = from?.slotOf(name);
        if (!from || slot === undefined) throw new ConfigError(`cannot import variable ${name} in ${m.path}`);
        m.scope.define(name, from.frame, slot);
      }
    }
  }

  private checkExec(): void {
    if (this.options.allowExec) return;
    for (const m of this.modules) {
      for (const l of [...m.roots, ...(m.config?.named.values() ?? [])]) {
        if (l.filters.some((f) => f.name === 'exec')) throw new ConfigError(`exec is disabled: ${m.path} uses exec(), run pipy with --allow-exec to allow it`);
      }
    }
  }

  private async openListeners(): Promise<void> {
    for (const m of this.modules) {
      for (const spec of m.config?.listens ?? []) {
        if (spec.port === 0) continue;
        const l = Listener.get(spec.ip, spec.port);
        try {
          await l.open(spec.layout, this.prototypes, spec.options);
        } catch (e) {
          throw new ConfigError(`[listener] Cannot start listening on port ${spec.port} at ${spec.ip}: ${(e as Error).message}`);
        }
        this.listeners.push(l);
      }
    }
  }

  /** Points this worker's listeners back at its layouts after a newer worker failed to start. */
  async repoint(): Promise<void> {
    for (const m of this.modules) {
      for (const spec of m.config?.listens ?? []) if (spec.port !== 0) await Listener.get(spec.ip, spec.port).open(spec.layout, this.prototypes, spec.options);
    }
  }

  /** Stops tasks and readers and closes this worker's listeners, except those a new worker took over. */
  stop(keep: readonly Listener[] = []): void {
    for (const t of this.tasks) t.stop();
    for (const r of this.readers) r.stop();
    for (const l of this.listeners) if (!keep.includes(l)) l.close();
  }
}
