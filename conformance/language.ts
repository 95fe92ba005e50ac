// The language suite: PipyJS files with inline expectations, one folder per feature.
//
// The first lines of a case are comments of the form
//   // expect: accepted
//   // expect: rejected <line>:<col> <part of the message>
//   // expect: value <JSON of the result>
//   // expect: error <ErrorName>: <part of the message>
//   // expect: limit <steps|depth|memory|time|parse>
// and the rest of the file is the script. Line numbers count from the top of the file.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check, Realm, PipyJSError } from '../interpreter/index.js';

export interface CaseResult {
  file: string;
  ok: boolean;
  detail: string;
}

type Expectation =
  | { kind: 'accepted' }
  | { kind: 'rejected'; line: number; column: number; text: string }
  | { kind: 'value'; value: unknown }
  | { kind: 'error'; name: string; text: string }
  | { kind: 'limit'; limit: string };

export function parseExpectation(source: string): Expectation {
  const m = /^\/\/ expect: (\w+)\s*(.*)$/m.exec(source);
  if (!m) throw new Error('no "// expect:" line');
  const [, kind, rest] = m;
  switch (kind) {
    case 'accepted':
      return { kind };
    case 'rejected': {
      const r = /^(\d+):(\d+)\s+(.*)$/.exec(rest);
      if (!r) throw new Error(`bad rejected line: ${rest}`);
      return { kind, line: Number(r[1]), column: Number(r[2]), text: r[3] };
    }
    case 'value':
      return { kind, value: JSON.parse(rest) };
    case 'error': {
      const r = /^(\w+):\s*(.*)$/.exec(rest);
      if (!r) throw new Error(`bad error line: ${rest}`);
      return { kind, name: r[1], text: r[2] };
    }
    case 'limit':
      return { kind, limit: rest.trim() };
  }
  throw new Error(`unknown expectation ${kind}`);
}

/** Runs one case; `globals` are guest globals beyond the core built-ins (the stdlib suite's). */
export function runCase(file: string, source: string, globals?: () => Record<string, unknown>): CaseResult {
  const expect = parseExpectation(source);
  const fail = (detail: string) => ({ file, ok: false, detail });
  const pass = { file, ok: true, detail: '' };
  const diagnostics = check(source, { filename: file });
  if (expect.kind === 'accepted') return diagnostics.length ? fail(`rejected: ${format(diagnostics[0])}`) : pass;
  if (expect.kind === 'rejected') {
    const hit = diagnostics.find((d) => d.line === expect.line && d.column === expect.column && d.message.includes(expect.text));
    return hit ? pass : fail(`expected ${expect.line}:${expect.column} "${expect.text}", got ${diagnostics.map(format).join('; ') || 'no diagnostics'}`);
  }
  if (diagnostics.length) return fail(`rejected: ${format(diagnostics[0])}`);
  return runExpression(file, source, expect, fail, pass, globals);
}

function runExpression(
  file: string,
  source: string,
  expect: Expectation,
  fail: (d: string) => CaseResult,
  pass: CaseResult,
  globals?: () => Record<string, unknown>,
): CaseResult {
  let value: unknown;
  try {
    const realm = new Realm({ guestGlobals: globals?.(), limits: { steps: 1e6, timeMs: 2000 } });
    value = realm.compile(source, { filename: file }).run();
  } catch (e) {
    if (!(e instanceof PipyJSError)) throw e;
    if (expect.kind === 'error' && e.errorName === expect.name && e.detail.includes(expect.text)) return pass;
    if (expect.kind === 'limit' && e.kind === 'limit' && e.limit === expect.limit) return pass;
    return fail(`threw ${e.message}`);
  }
  if (expect.kind !== 'value') return fail(`returned ${JSON.stringify(value)}`);
  const got = JSON.stringify(value), want = JSON.stringify(expect.value);
  return got === want ? pass : fail(`expected ${want}, got ${got}`);
}

function format(d: { line: number; column: number; message: string }): string {
  return `${d.line}:${d.column}: ${d.message}`;
}

export function languageCases(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...languageCases(p));
    else if (name.endsWith('.js')) out.push(p);
  }
  return out;
}

export function runLanguageSuite(dir: string, globals?: () => Record<string, unknown>): CaseResult[] {
  return languageCases(dir).map((p) => runCase(relative(dir, p), readFileSync(p, 'utf8'), globals));
}
