// console: log lines from scripts (pipyjs-language.md §3.11), handed to a sink the embedder owns.
//
// 0.30 has only `console.log`; `info`, `debug`, `warn` and `error` are added and differ only in the
// level given to the sink (`log` is 'info', like Pipy's [INF] lines). The text keeps 0.30's shape:
// arguments joined by single spaces, each one its ToString, and every object argument (except
// null and Date) followed by ':' and its JSON, e.g. `a 1 [object Object]:{"a":1}`.
// Deliberate difference: ToString and JSON are this interpreter's ECMAScript ones, so a literal
// object prints `[object Object]` (0.30: `[object Literal]`) and an array prints its elements
// joined by commas, as `String([1,'x'])` would: `1,x:[1,"x"]` (0.30: `[object pjs::Array]:[1,"x"]`).
// A value JSON cannot render (a function, a cycle) prints without the ':' part.

import { HostClass, HostFunction, HostObject, Namespace, PipyJSError, isPrimitive, toString } from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, text: string) => void;

const methods: Record<string, LogLevel> = { log: 'info', info: 'info', debug: 'debug', warn: 'warn', error: 'error' };

/**
 * The console namespace. `coreJSON` is the realm's JSON namespace (its `stringify` renders objects);
 * without it objects print their ToString only.
 */
export function createConsole(sink: LogSink, coreJSON?: Namespace): Namespace {
  const stringify = coreJSON?.members.stringify;
  const members: Record<string, unknown> = {};
  for (const [name, level] of Object.entries(methods)) {
    members[name] = new HostFunction(name, (args, rt) => void sink(level, renderLogLine(args, rt, stringify)));
  }
  return new Namespace('console', members);
}

/** The text of one console line. */
export function renderLogLine(args: unknown[], rt: Runtime, stringify?: unknown): string {
  return args.map((v) => renderValue(v, rt, stringify)).join(' ');
}

function renderValue(v: unknown, rt: Runtime, stringify: unknown): string {
  const text = frozenText(v) ?? toString(v, rt);
  if (isPrimitive(v) || isDate(v) || stringify === undefined) return text;
  const json = tryStringify(v, rt, stringify);
  return json === undefined ? text : `${text}:${json}`;
}

/**
 * Namespaces (Math, os...) and native classes cannot carry a script's toString, and the interpreter
 * has no ToString for them, so they print as ECMAScript prints them.
 */
function frozenText(v: unknown): string | undefined {
  if (v instanceof Namespace) return `[object ${v.name}]`;
  if (v instanceof HostClass) return `function ${v.name}() { [native code] }`;
  return undefined;
}

function isDate(v: unknown): boolean {
  return v instanceof HostObject && v.hostClass.name === 'Date';
}

/** JSON of `v`, or undefined when JSON has no text for it; only guest TypeErrors (cycles) are absorbed. */
function tryStringify(v: unknown, rt: Runtime, stringify: unknown): string | undefined {
  try {
    const json = rt.call(stringify, [v]);
    return typeof json === 'string' ? json : undefined;
  } catch (e) {
    if (e instanceof PipyJSError && e.kind === 'runtime' && e.errorName === 'TypeError') return undefined;
    throw e;
  }
}
