// Script errors: the one place where every error a PipyJS script can cause is built.
//
// Three kinds reach an embedder, all as `PipyJSError`:
//   - 'syntax':  the source is not PipyJS (carries every diagnostic, sorted by position);
//   - 'runtime': a guest error (TypeError, ReferenceError, RangeError, SyntaxError from `new RegExp`)
//                with the position of the failing node and a backtrace of guest frames;
//   - 'limit':   a budget ran out (steps, depth, memory, time, parse).
// Interpreter bugs are a fourth kind, `InternalError`, built by `assert` and never shown to scripts as theirs.

/** One grammar violation or syntax error, 1-based line and column. */
export interface Diagnostic {
  message: string;
  line: number;
  column: number;
}

export type ErrorKind = 'syntax' | 'runtime' | 'limit';
export type LimitKind = 'steps' | 'depth' | 'memory' | 'time' | 'parse';
export type GuestErrorName = 'TypeError' | 'ReferenceError' | 'RangeError' | 'SyntaxError' | 'Error';

/** A guest frame of a backtrace: the function that was running and where, innermost first. */
export interface BacktraceFrame {
  name: string;
  filename: string;
  line: number;
  column: number;
}

/** A position in a script: filename plus 1-based line and column. */
export interface SourcePosition {
  filename: string;
  line: number;
  column: number;
}

export class PipyJSError extends Error {
  readonly kind: ErrorKind;
  readonly limit?: LimitKind;
  /** For 'runtime' errors: the guest error class (TypeError, ReferenceError, ...). */
  readonly errorName?: GuestErrorName;
  /** Which entry of `message` a script wrote (without position); `message` adds `file:line:col`. */
  readonly detail: string;
  filename: string;
  line: number;
  column: number;
  readonly diagnostics?: Diagnostic[];
  /** Guest frames, innermost first. */
  readonly backtrace: BacktraceFrame[] = [];

  constructor(init: {
    kind: ErrorKind;
    detail: string;
    limit?: LimitKind;
    errorName?: GuestErrorName;
    position?: SourcePosition;
    diagnostics?: Diagnostic[];
  }) {
    super(init.detail);
    this.name = 'PipyJSError';
    this.kind = init.kind;
    this.limit = init.limit;
    this.errorName = init.errorName;
    this.detail = init.detail;
    this.filename = init.position?.filename ?? '';
    this.line = init.position?.line ?? 0;
    this.column = init.position?.column ?? 0;
    this.diagnostics = init.diagnostics;
    this.message = this.render();
  }

  /** Sets the position if the error does not have one yet (the innermost node that knows wins). */
  locate(position: SourcePosition): void {
    if (this.line !== 0) return;
    this.filename = position.filename;
    this.line = position.line;
    this.column = position.column;
    this.message = this.render();
  }

  /** `file:line:col: TypeError: message` (the form `--verify` and logs use). */
  private render(): string {
    const where = this.line ? `${this.filename || '<script>'}:${this.line}:${this.column}: ` : '';
    const what = this.kind === 'runtime' && this.errorName ? `${this.errorName}: ` : '';
    return where + what + this.detail;
  }
}

/** A syntax error carrying all diagnostics; its position is the first one's. */
export function syntaxError(filename: string, diagnostics: Diagnostic[]): PipyJSError {
  const first = diagnostics[0] ?? { message: 'syntax error', line: 0, column: 0 };
  return new PipyJSError({
    kind: 'syntax',
    detail: first.message,
    position: { filename, line: first.line, column: first.column },
    diagnostics,
  });
}

/** A guest error; the position is filled in by the evaluator as the error unwinds. */
export function guestError(errorName: GuestErrorName, detail: string): PipyJSError {
  return new PipyJSError({ kind: 'runtime', errorName, detail });
}

export const typeError = (detail: string) => guestError('TypeError', detail);
export const referenceError = (detail: string) => guestError('ReferenceError', detail);
export const rangeError = (detail: string) => guestError('RangeError', detail);

const limitDetails: Record<LimitKind, string> = {
  steps: 'step limit exceeded',
  depth: 'call depth limit exceeded',
  memory: 'memory limit exceeded',
  time: 'time limit exceeded',
  parse: 'script too large or nested too deeply',
};

/** A budget ran out. `extra` says which budget value was hit, for the log. */
export function limitError(limit: LimitKind, extra?: string): PipyJSError {
  const detail = extra ? `${limitDetails[limit]} (${extra})` : limitDetails[limit];
  return new PipyJSError({ kind: 'limit', limit, detail });
}

/** An interpreter bug: never a script's fault, never catchable as a guest error. */
export class InternalError extends Error {
  constructor(message: string) {
    super(`internal error: ${message}`);
    this.name = 'InternalError';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InternalError(message);
}
