// The running state of one realm: its globals, the current context, and the budgets of the current
// guest entry. Compiled code receives it as `rt` on every node, so nothing is looked up globally.
//
// Guest calls happen in two ways: compiled call sites (calls.ts, specialised by arity) and host code
// calling back into the guest (`rt.call`, used by built-ins such as map or sort and by the engine).
// Both go through `enterCall`, which counts steps and depth.

import { PipyJSError, limitError, typeError, assert } from './errors.js';
import type { SourcePosition, BacktraceFrame } from './errors.js';
import { defaultLimits, maxStringLength, cost } from './limits.js';
import type { Limits } from './limits.js';
import { Closure, HostFunction, HostClass } from './values.js';
import type { FunctionInfo } from './values.js';
import type { Context } from './context.js';
import { describeForError } from './describe.js';

/** Steps between two checks of the clock. */
const fuelChunk = 4096;
/**
 * Host-stack budget in nesting units. A guest call costs the nesting depth of its call site within
 * the calling function (the closures of that function still on the host stack) plus a constant, so
 * the sum bounds the host frames of all active calls. Measured: Node's default stack overflows at
 * 7,000–10,000 units; this leaves room for the embedder's own frames.
 */
export const maxStackUnits = 4_000;
/** Stack units of a call from a native (map, sort, the engine) into a closure. */
export const nativeCallCost = 12;

/** What a guest entry runs: the runtime and two operands, so entries need no closure. */
type EntryOp = (rt: Runtime, a: unknown, b: unknown) => unknown;
const callBody: EntryOp = (_rt, body) => (body as () => unknown)();
const callGuestFunction: EntryOp = (rt, f, args) => rt.call(f, args as unknown[]);

export class Runtime {
  /** The realm's global values, indexed by the slots the compiler assigned. */
  readonly globals: unknown[];
  /** The context (per-stream variables) of the running pipeline, or null at load time. */
  context: Context | null = null;
  limits: Limits = defaultLimits;

  // Budgets of the current entry. `fuel` counts down to the next check.
  fuel = fuelChunk;
  private stepsLeft = 0;
  private deadline = 0;
  depth = 0;
  stack = 0;
  memLeft = 0;
  /** Nesting of host→guest entries; budgets are reset only by the outermost one. */
  private entries = 0;

  constructor(globals: unknown[]) {
    this.globals = globals;
  }

  // ---- entering and leaving the guest ----------------------------------------------------------

  /**
   * Runs `body` as a guest entry. The outermost entry gets fresh budgets; a nested one (a host
   * function called from guest code calling back into it) shares the caller's. Depth is restored
   * whatever happens, so the runtime is reusable after any error, limits included.
   */
  run<T>(body: () => T, context?: Context | null, limits?: Limits): T {
    return this.guarded(callBody, body, undefined, context, limits ?? this.limits) as T;
  }

  /**
   * `run(() => this.call(f, args), context, limits)` without the closure: the entry path of the
   * engine's callbacks, taken several times per request.
   */
  enter(f: unknown, args: unknown[], context: Context | null | undefined, limits: Limits): unknown {
    return this.guarded(callGuestFunction, f, args, context, limits);
  }

  /** The entry itself; what was saved is kept in locals, not an object (several per request). */
  private guarded(op: EntryOp, a: unknown, b: unknown, context: Context | null | undefined, limits: Limits): unknown {
    const depth = this.depth;
    const stack = this.stack;
    const savedContext = this.context;
    if (context !== undefined) this.context = context;
    if (this.entries++ === 0) this.reset(limits);
    try {
      return op(this, a, b);
    } catch (e) {
      throw asGuestError(e);
    } finally {
      this.entries--;
      this.depth = depth;
      this.stack = stack;
      this.context = savedContext;
    }
  }

  private reset(limits: Limits): void {
    this.limits = limits;
    const steps = limits.steps;
    const fuel = steps < fuelChunk ? steps : fuelChunk;
    this.fuel = fuel;
    this.stepsLeft = steps - fuel;
    // The clock is read lazily, at the first refuel: most entries (callbacks of a few steps) never
    // get there. The time budget then counts from the end of the first chunk of steps; checks
    // happen only at chunk boundaries anyway, so this adds at most one chunk to the slack.
    this.deadline = 0;
    this.memLeft = limits.memory;
    this.depth = 0;
    this.stack = 0;
  }

  // ---- budgets ---------------------------------------------------------------------------------

  /** Called when `fuel` reaches zero: takes the next chunk of steps, and checks the clock. */
  refuel(): void {
    if (this.entries === 0) {
      this.fuel = fuelChunk;
      return;
    }
    const overdraft = -this.fuel;
    this.stepsLeft -= overdraft;
    if (this.stepsLeft <= 0) throw limitError('steps', `${this.limits.steps}`);
    const now = Date.now();
    if (this.deadline === 0) this.deadline = now + this.limits.timeMs;
    else if (now > this.deadline) throw limitError('time', `${this.limits.timeMs} ms`);
    this.fuel = Math.min(fuelChunk, this.stepsLeft);
    this.stepsLeft -= this.fuel;
  }

  /** Charges `n` steps at once (a built-in about to visit n elements). */
  charge(n: number): void {
    if ((this.fuel -= n) <= 0) this.refuel();
  }

  /** Charges `bytes` of memory; refuses before the host allocates anything. */
  alloc(bytes: number): void {
    if ((this.memLeft -= bytes) < 0 && this.entries > 0) {
      throw limitError('memory', `${this.limits.memory} bytes`);
    }
  }

  /** Checks and charges a string of `length` UTF-16 units about to be built. */
  allocString(length: number): void {
    if (length > maxStringLength) throw limitError('memory', `string of ${length} characters`);
    if (length > 64) this.alloc(length * cost.stringChar);
  }

  /** Counts a step and the depth of a call costing `units` of host stack. */
  enterCall(units: number): void {
    if ((this.fuel -= 1) <= 0) this.refuel();
    if (++this.depth > this.limits.depth) throw limitError('depth', `${this.limits.depth} calls`);
    if ((this.stack += units) > maxStackUnits) throw limitError('depth', 'nesting of active calls');
  }

  leaveCall(units: number): void {
    this.depth--;
    this.stack -= units;
  }

  // ---- calling guest values from host code -----------------------------------------------------

  /** Calls any guest callable with arguments; used by built-ins and the engine. */
  call(f: unknown, args: unknown[]): unknown {
    if (f instanceof Closure) return this.callClosure(f, args);
    if (f instanceof HostFunction) return f.fn(args, this);
    if (f instanceof HostClass) {
      if (!f.spec.call) throw typeError(`Class constructor ${f.name} cannot be invoked without 'new'`);
      return f.spec.call(args, this);
    }
    throw typeError(`${describeForError(f)} is not a function`);
  }

  callClosure(f: Closure, args: unknown[]): unknown {
    const info = f.info;
    const env = makeFrame(f, args);
    try {
      this.enterCall(nativeCallCost);
      if (info.unpack) info.unpack(env, this);
      const result = info.body(env, this);
      this.leaveCall(nativeCallCost);
      return result;
    } catch (e) {
      throw traceInto(e, info);
    }
  }

  /** `new F(...args)`. */
  construct(f: unknown, args: unknown[]): unknown {
    if (f instanceof HostClass && f.spec.construct) return f.spec.construct(args, this);
    throw typeError(`${describeForError(f)} is not a constructor`);
  }
}

/** A new environment frame for a call: slot 0 links to the closure's scope, then the arguments. */
export function makeFrame(f: Closure, args: unknown[]): unknown[] {
  const info = f.info;
  const env = new Array(info.frameSize);
  env[0] = f.env;
  const n = Math.min(args.length, info.paramCount);
  for (let i = 0; i < n; i++) env[i + 1] = args[i];
  for (let i = n + 1; i < info.frameSize; i++) env[i] = undefined;
  return env;
}

/** The name of a function in a backtrace: `(anonymous function at line L column C)`, Pipy's form. */
export function functionName(info: FunctionInfo): string {
  return `(anonymous function at line ${info.line} column ${info.column})`;
}

/**
 * An error leaving a closure: if nobody recorded where it happened yet, that is the innermost frame.
 * Host errors pass through untouched here and are converted at the entry (`asGuestError`).
 */
export function traceInto(e: unknown, info: FunctionInfo): unknown {
  if (e instanceof PipyJSError && e.backtrace.length === 0 && e.line !== 0) {
    e.backtrace.push({ name: functionName(info), filename: e.filename, line: e.line, column: e.column });
  }
  return e;
}

/** An error passing a call site in function `caller` (or the root) at `site`. */
export function traceCallSite(e: unknown, callerName: string, site: SourcePosition, calleeName?: string): unknown {
  if (!(e instanceof PipyJSError) || e.kind === 'syntax') return e;
  if (e.line === 0) e.locate(site);
  if (e.backtrace.length === 0) e.backtrace.push(frame(calleeName ?? callerName, e));
  e.backtrace.push({ name: callerName, ...site });
  return e;
}

function frame(name: string, p: SourcePosition): BacktraceFrame {
  return { name, filename: p.filename, line: p.line, column: p.column };
}

/**
 * The one place a host exception becomes a guest error. A host stack overflow should be impossible
 * (the depth and stack budgets stop first); if one still happens it is reported as a depth limit,
 * never as a crash.
 */
export function asGuestError(e: unknown): unknown {
  if (e instanceof PipyJSError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return limitError('depth', 'host stack');
  return e;
}

export { assert };
