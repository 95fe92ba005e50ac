// A realm: one set of globals, one runtime, the scripts compiled against them. The engine makes one
// per worker (all modules of a codebase share globals, as in Pipy); `evaluate` makes a fresh one per
// call, so nothing a script does can reach the next.
//
// Built-in objects (Math, JSON, constructors) are frozen and shared by every realm; each realm only
// owns its global slots, so `Math = 1` in one realm leaves every other realm's Math alone.

import type { Expression } from 'acorn';
import { Runtime } from './runtime.js';
import { resolveLimits } from './limits.js';
import type { Limits } from './limits.js';
import { Compiler, FunctionScope } from './compile/compiler.js';
import type { Code } from './compile/compiler.js';
import { nodeCompilers } from './compile/index.js';
import { parse } from './check.js';
import type { ParseLimits } from './check.js';
import { PipyJSError, syntaxError } from './errors.js';
import type { ContextScope, Context } from './context.js';
import { coreGlobals } from './builtins/index.js';
import { toGuest, toHost } from './boundary.js';

export interface RealmOptions {
  /** Host values to expose as globals; converted at the boundary (functions wrapped, data copied). */
  globals?: Record<string, unknown>;
  /** Guest values to expose as globals as they are (stdlib and engine classes built with the host API). */
  guestGlobals?: Record<string, unknown>;
  /** Default budgets of every entry into this realm. */
  limits?: Partial<Limits>;
  /** Include the core built-ins (Object, Array, Math...). Default true. */
  core?: boolean;
}

export interface CompileOptions {
  filename?: string;
  /** The module's context variables, bound when first used (engine modules only). */
  scope?: ContextScope | null;
  parseLimits?: Partial<ParseLimits>;
}

export interface RunOptions {
  context?: Context | null;
  limits?: Partial<Limits>;
}

export class Realm {
  private readonly slots = new Map<string, number>();
  readonly runtime: Runtime;
  readonly limits: Limits;

  constructor(options: RealmOptions = {}) {
    this.limits = resolveLimits(options.limits);
    this.runtime = new Runtime([]);
    this.runtime.limits = this.limits;
    if (options.core !== false) this.defineGuestGlobals(coreGlobals());
    if (options.guestGlobals) this.defineGuestGlobals(options.guestGlobals);
    for (const [name, value] of Object.entries(options.globals ?? {})) this.defineGlobal(name, toGuest(value));
  }

  /** Adds or replaces a global (a guest value). Scripts compiled later see it by slot. */
  defineGlobal(name: string, value: unknown): void {
    const slot = this.slots.get(name);
    if (slot !== undefined) this.runtime.globals[slot] = value;
    else this.slots.set(name, this.runtime.globals.push(value) - 1);
  }

  defineGuestGlobals(values: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(values)) this.defineGlobal(name, value);
  }

  slotOf(name: string): number | undefined {
    return this.slots.get(name);
  }

  /** Parses, checks and compiles; throws a 'syntax' PipyJSError with every diagnostic. */
  compile(source: string, options: CompileOptions = {}): Script {
    const filename = options.filename ?? '<script>';
    const { expression, diagnostics } = parse(source, { filename, limits: options.parseLimits });
    if (!expression) throw syntaxError(filename, diagnostics);
    return new Script(this, compileExpression(this, source, filename, expression, options.scope ?? null), filename);
  }

  /** Calls a guest function from the host with guest arguments, under this realm's limits. */
  callGuest(fn: unknown, args: unknown[], options?: RunOptions): unknown {
    if (options === undefined) return this.runtime.enter(fn, args, undefined, this.limits);
    return this.runtime.enter(fn, args, options.context, this.effectiveLimits(options.limits));
  }

  /** `callGuest(fn, args, { context })` without the options object (the engine's callbacks). */
  callGuestIn(context: Context | null, fn: unknown, args: unknown[]): unknown {
    return this.runtime.enter(fn, args, context, this.limits);
  }

  effectiveLimits(partial?: Partial<Limits>): Limits {
    return partial ? resolveLimits({ ...this.limits, ...partial }) : this.limits;
  }
}

function compileExpression(realm: Realm, source: string, filename: string, expression: Expression, scope: ContextScope | null): Code {
  const compiler = new Compiler(source, filename, realm, scope, nodeCompilers);
  return compiler.compile(expression, new FunctionScope(null, '(root)'));
}

/** A compiled script, bound to its realm. Run it any number of times. */
export class Script {
  constructor(
    readonly realm: Realm,
    private readonly code: Code,
    readonly filename: string,
  ) {}

  /** Runs and returns the raw guest value (for the engine and stdlib). */
  runGuest(options: RunOptions = {}): unknown {
    const rt = this.realm.runtime;
    const root: unknown[] = [null];
    return rt.run(
      () => {
        try {
          return this.code(root, rt);
        } catch (e) {
          throw rootFrame(e);
        }
      },
      options.context,
      this.realm.effectiveLimits(options.limits),
    );
  }

  /** Runs and returns inert host data (for embedders). */
  run(options: RunOptions = {}): unknown {
    return toHost(this.runGuest(options), this.realm);
  }
}

/** The outermost backtrace entry: the module's own evaluation. */
function rootFrame(e: unknown): unknown {
  if (e instanceof PipyJSError && e.kind !== 'syntax' && e.line !== 0) {
    const last = e.backtrace[e.backtrace.length - 1];
    if (!last || last.name !== '(root)') {
      e.backtrace.push({ name: '(root)', filename: e.filename, line: e.line, column: e.column });
    }
  }
  return e;
}
