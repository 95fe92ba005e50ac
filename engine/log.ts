// Logging in Pipy's format (spec §8): every record is `YYYY-MM-DD HH:MM:SS.mmm [LVL] message` on
// stderr, one prefixed line per line of the message; raw lines (dump bodies, print) carry no prefix.
// This is also the one place that renders a script error the way Pipy does (§8.3).

import type { PipyJSError } from '../interpreter/index.js';

export type Level = 'debug' | 'warn' | 'error' | 'info';

// Ordered by severity. Pipy 0.30 ranked INFO above ERROR, so `--log-level=info` hid errors (§8.1);
// that is a bug this implementation fixes: a level shows itself and everything more severe.
const rank: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const tag: Record<Level, string> = { debug: 'DBG', warn: 'WRN', error: 'ERR', info: 'INF' };

export type Sink = (line: string) => void;

let threshold: Level = 'info';
let sink: Sink = (line) => process.stderr.write(line + '\n');
/** The last lines logged, for the admin log endpoint. */
const history: string[] = [];
const historySize = 1000;

export function setLogLevel(level: Level): void {
  threshold = level;
}

export function isLogLevel(s: string): s is Level {
  return s in rank;
}

/** Replaces where lines go (tests capture them); returns the previous sink. */
export function setLogSink(s: Sink): Sink {
  const old = sink;
  sink = s;
  return old;
}

export function enabled(level: Level): boolean {
  return rank[level] >= rank[threshold];
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function timestamp(d = new Date()): string {
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function emit(line: string): void {
  history.push(line);
  if (history.length > historySize) history.shift();
  sink(line);
}

export function log(level: Level, message: string): void {
  if (!enabled(level)) return;
  const prefix = `${timestamp()} [${tag[level]}] `;
  for (const line of message.split('\n')) emit(prefix + line);
}

export const debug = (m: string) => log('debug', m);
export const warn = (m: string) => log('warn', m);
export const error = (m: string) => log('error', m);
export const info = (m: string) => log('info', m);

/** A line without timestamp or level (dump's hex body, print's output); always shown. */
export function raw(line: string): void {
  emit(line);
}

export function recentLines(): readonly string[] {
  return history;
}

// ---- script errors (§8.3) ----------------------------------------------------------------------

/** The source line with its caret, as Pipy prints above an error. */
function sourceLines(source: string | undefined, line: number, column: number): string[] {
  if (!source || line <= 0) return [];
  const text = source.split('\n')[line - 1] ?? '';
  const trimmed = text.replace(/^[ \t]+/, '');
  const removed = text.length - trimmed.length;
  const caret = ' '.repeat(6 + String(line).length + 3 + Math.max(0, column - 1 - removed)) + '^';
  return [`[pjs] Line ${line}:  ${trimmed.replace(/\r$/, '')}`, `[pjs]${caret}`];
}

function backtraceLines(e: PipyJSError): string[] {
  if (!e.backtrace.length) return [];
  const lines = ['[pjs] Backtrace:'];
  for (const f of e.backtrace) {
    lines.push(f.line ? `    In ${f.name} at line ${f.line} column ${f.column}` : `    In ${f.name}`);
  }
  return lines;
}

/** Logs a script error: source line and caret, the message, the backtrace (§8.3). */
export function scriptError(e: PipyJSError, sourceOf: (filename: string) => string | undefined): void {
  if (e.kind === 'syntax') {
    const d = e.diagnostics?.[0] ?? { message: e.detail, line: e.line, column: e.column };
    for (const l of sourceLines(sourceOf(e.filename), d.line, d.column)) error(l);
    error(`[pjs] Syntax error: ${d.message} at line ${d.line} column ${d.column} in ${e.filename}`);
    return;
  }
  for (const l of sourceLines(sourceOf(e.filename), e.line, e.column)) error(l);
  error(`[pjs] Error: ${e.detail}`);
  for (const l of backtraceLines(e)) error(l);
}
