// types/pipy.d.ts: sample scripts compile against it without a diagnostic, misuses are reported, and
// it declares exactly the members the stdlib registers (so the two cannot drift apart unnoticed).

import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { Realm, HostClass, Namespace, check } from '../../interpreter/index.js';
import { stdlibGlobals, coreJSONOf } from '../index.js';
import { StatsClass } from '../os.js';
import { CounterClass, GaugeClass, HistogramClass } from '../stats.js';
import { HttpFileClass } from '../http-file.js';
import { tempDir } from './harness.js';

const here = import.meta.dirname;
const declarations = join(here, '..', '..', 'types', 'pipy.d.ts');
const fixtures = join(here, 'types');
const virtualDir = join(here, 'virtual');

const options: ts.CompilerOptions = {
  noEmit: true,
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  lib: ['lib.es2022.d.ts'],
  types: [],
  allowJs: true,
  checkJs: true,
  skipDefaultLibCheck: true,
};

/** A program over the declarations, real files and in-memory files (name → text). */
function createProgram(realFiles: string[], virtualFiles: Record<string, string>): ts.Program {
  const host = ts.createCompilerHost(options, true);
  const virtual = new Map(Object.entries(virtualFiles).map(([name, text]) => [join(virtualDir, name), text]));
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(name);
    return text === undefined ? getSourceFile.call(host, name, language, ...rest) : ts.createSourceFile(name, text, language);
  };
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  return ts.createProgram([declarations, ...realFiles, ...virtual.keys()], options, host);
}

/** Diagnostics as `file:line: message`, for the named file or for the whole program. */
function diagnostics(program: ts.Program, fileName?: string): string[] {
  const file = fileName === undefined ? undefined : program.getSourceFile(fileName);
  if (fileName !== undefined && !file) throw new Error(`not in the program: ${fileName}`);
  return ts.getPreEmitDiagnostics(program, file).map(format);
}

function format(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return text;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${d.file.fileName.slice(d.file.fileName.lastIndexOf('/') + 1)}:${line + 1}: ${text}`;
}

// ---- misuses that must be reported --------------------------------------------------------------

/** Each is a module of its own (so declarations do not clash) and must give a diagnostic containing the text. */
const misuses: Record<string, [source: string, expected: string]> = {
  'too-many-arguments.ts': ['new algo.Cache(1, 2, 3, 4, 5);', 'Expected 0-3 arguments'],
  'unknown-member.ts': ['algo.Nope;', "Property 'Nope' does not exist"],
  'unknown-filter.ts': ["pipy().listen(8080).demuxHTTP('x').nope();", "Property 'nope' does not exist"],
  'wrong-body.ts': ['new Message({}, 5);', "Argument of type '5' is not assignable"],
  'unknown-stream-end.ts': ["new StreamEnd('Nope');", 'not assignable'],
  'read-only-property.ts': ["new URL('http://h/').port = '1';", 'read-only'],
  'not-a-private-key.ts': ["new crypto.Sign('sha256').sign('pem text');", "not assignable to parameter of type 'PrivateKey'"],
  'encoding-name.ts': ["new Data('x').toString('latin1');", 'not assignable'],
  'misuse.js': ['new Netmask(10);', 'not assignable'],
};

// ---- the runtime registry against the declarations ----------------------------------------------

/** Where an instance's members live when the constructor guests call is a different HostClass. */
const instanceClasses: Record<string, HostClass> = {
  'stats.Counter': CounterClass,
  'stats.Gauge': GaugeClass,
  'stats.Histogram': HistogramClass,
  'http.File': HttpFileClass,
};

/** A TypeScript type whose string keys must equal `runtime` (member names the stdlib registers). */
interface KeyCheck {
  what: string;
  type: string;
  runtime: string[];
}

function keyChecks(path: string, value: unknown): KeyCheck[] {
  if (value instanceof Namespace) {
    const own = { what: path, type: `keyof typeof ${path}`, runtime: Object.keys(value.members) };
    return [own, ...Object.entries(value.members).flatMap(([k, v]) => keyChecks(`${path}.${k}`, v))];
  }
  if (value instanceof HostClass) {
    const instance = instanceClasses[path] ?? value;
    return [
      { what: `${path} statics`, type: `Exclude<keyof typeof ${path}, 'prototype'>`, runtime: Object.keys(value.statics) },
      { what: `${path} instances`, type: `keyof InstanceType<typeof ${path}>`, runtime: instanceKeys(instance) },
    ];
  }
  return [];
}

function instanceKeys(cls: HostClass): string[] {
  return [...Object.keys(cls.methods), ...Object.keys(cls.getters)];
}

/** Every stdlib global plus the types not reachable from one (os.stat's result). */
function allKeyChecks(globals: Record<string, unknown>): KeyCheck[] {
  const checks = Object.entries(globals).flatMap(([name, v]) => keyChecks(name, v));
  return [...checks, { what: 'os.stat()', type: 'keyof OsStats', runtime: instanceKeys(StatsClass) }];
}

/** The source declaring one type alias per check; alias i is `__Keys<i>`. */
function keyChecksSource(checks: KeyCheck[], globals: string[]): string {
  const used = globals.map((name) => `typeof ${name}`).join(', ');
  return ['export {};', `type __Globals = [${used}];`, ...checks.map((c, i) => `type __Keys${i} = ${c.type};`)].join('\n');
}

/** The string literal members of each `__Keys<i>` alias, sorted. */
function declaredKeys(program: ts.Program, fileName: string): Map<number, string[]> {
  const checker = program.getTypeChecker();
  const out = new Map<number, string[]>();
  for (const statement of program.getSourceFile(fileName)!.statements) {
    if (!ts.isTypeAliasDeclaration(statement) || !statement.name.text.startsWith('__Keys')) continue;
    const type = checker.getTypeAtLocation(statement.name);
    const parts = type.isUnion() ? type.types : type.flags & ts.TypeFlags.Never ? [] : [type];
    const names = parts.filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
    out.set(Number(statement.name.text.slice(6)), names.sort());
  }
  return out;
}

// ---- the Configuration methods of the spec -------------------------------------------------------

const sections = ['listen', 'read', 'task', 'pipeline', 'export', 'import', 'use'];
/** pipyjs-language.md §3.18 (= pipy-engine.md §1.7), `use` included. */
const filters = `acceptHTTPTunnel acceptSOCKS acceptTLS compressHTTP compressMessage connect connectHTTPTunnel connectSOCKS
  connectTLS deframe demux demuxQueue demuxHTTP decodeDubbo decodeHTTPRequest decodeHTTPResponse decodeMQTT decodeWebSocket
  decompressHTTP decompressMessage depositMessage detectProtocol dummy dump encodeDubbo encodeHTTPRequest encodeHTTPResponse
  encodeMQTT encodeWebSocket exec fetchHTTP fork handleStreamStart handleTLSClientHello handleData handleMessage
  handleMessageStart handleMessageBody handleMessageEnd handleStreamEnd link merge muxQueue muxHTTP pack print
  replaceStreamStart replaceData replaceMessage replaceMessageStart replaceMessageBody replaceMessageEnd replaceStreamEnd
  serveHTTP split throttleConcurrency throttleDataRate tee throttleMessageRate use wait`.split(/\s+/);

// ---- the tests ---------------------------------------------------------------------------------------

describe('types/pipy.d.ts', () => {
  const globals = stdlibGlobals({ root: tempDir(), env: {}, log: () => {}, coreJSON: coreJSONOf(new Realm()) });
  const checks = allKeyChecks(globals);
  const extra = [
    { what: 'pipy', type: 'keyof typeof pipy', runtime: ['load', 'restart', 'exit'] },
    { what: 'pipy.Configuration', type: 'keyof pipy.Configuration', runtime: [...new Set([...sections, ...filters])] },
  ];
  const allChecks = [...checks, ...extra];
  const samples = ['context.d.ts', 'proxy.js', 'api.ts'].map((f) => join(fixtures, f));
  let program: ts.Program;

  beforeAll(() => {
    const virtual = Object.fromEntries(Object.entries(misuses).map(([name, [source]]) => [name, name.endsWith('.js') ? source : `export {};\n${source}`]));
    virtual['keys.ts'] = keyChecksSource(allChecks, [...Object.keys(globals), 'pipy', '__inbound', '__filename']);
    program = createProgram(samples, virtual);
  }, 60_000);

  it('has no error of its own', () => {
    expect(diagnostics(program, declarations)).toEqual([]);
  });

  it('checks a PipyJS script and a use of every global without a diagnostic', () => {
    for (const file of samples) expect(diagnostics(program, file), file).toEqual([]);
    // The script sample is real PipyJS, not just JavaScript.
    expect(check(readFileSync(join(fixtures, 'proxy.js'), 'utf8'))).toEqual([]);
  });

  it('reports misuses', () => {
    for (const [name, [, expected]] of Object.entries(misuses)) {
      const found = diagnostics(program, join(virtualDir, name));
      expect(found.some((d) => d.includes(expected)), `${name}: ${found.join('; ') || 'no diagnostic'}`).toBe(true);
    }
  });

  it('declares every stdlib global and exactly the members the stdlib registers', () => {
    const file = join(virtualDir, 'keys.ts');
    expect(diagnostics(program, file)).toEqual([]);
    const declared = declaredKeys(program, file);
    const drift = allChecks.flatMap((c, i) => mismatch(c, declared.get(i) ?? []));
    expect(drift).toEqual([]);
    expect(checks.length).toBeGreaterThan(60);
  });

  it('declares the context built-ins', () => {
    const source = readFileSync(declarations, 'utf8');
    expect(source).toMatch(/const __inbound: pipy\.Inbound \| null;/);
    expect(source).toMatch(/const __filename: string;/);
  });
});

function mismatch(check: KeyCheck, declared: string[]): string[] {
  const runtime = new Set(check.runtime);
  const missing = [...runtime].filter((k) => !declared.includes(k));
  const extra = declared.filter((k) => !runtime.has(k));
  if (missing.length === 0 && extra.length === 0) return [];
  return [`${check.what}: not declared [${missing.join(', ')}], declared but absent [${extra.join(', ')}]`];
}
