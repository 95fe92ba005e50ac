// Compiles guest regular expressions for V8's linear-time engine (the `l` flag), so that no pattern
// can backtrack catastrophically: matching costs at most (pattern size × input length).
//
// The linear engine of Node 20 accepts fewer patterns than the backtracking one. Some gaps are
// closed here by rewriting the pattern into an equivalent one it accepts:
//   - the `i` flag: every literal and character class is replaced by its case closure under the
//     ECMAScript (non-Unicode) Canonicalize rule, and the host regex runs without `i`;
//   - counted repeats `x{n,m}`: the engine refuses replication factors above 16, so a repeat is
//     written out (`x` n times, then m - n nested optional copies).
// What cannot be rewritten is refused with a guest SyntaxError saying why: backreferences,
// lookaround, the `u`/`v`/`d` flags, and counted repeats of capturing groups that stay too large.
//
// The pattern is validated by the host first (compiling is safe, only matching can explode), so
// the rewriter only ever sees valid non-Unicode patterns, Annex B leniencies included.

import v8 from 'node:v8';
import { guestError, assert } from '../errors.js';
import type { PipyJSError } from '../errors.js';

/** A compiled guest pattern: what the host runs, and a weight for metering its matches. */
export interface LinearPattern {
  /** The guest-visible `source` (V8's escaped form of the pattern). */
  source: string;
  /** The pattern the host regex runs, and its flags (including `l`, never `i`). */
  hostSource: string;
  hostFlags: string;
  /** Relative cost of scanning one character, from the size of the pattern. */
  weight: number;
}

/** Longest pattern accepted after rewriting: bounds compile time and the per-character match cost. */
const maxRewrittenLength = 50_000;
/** The largest {n,m} count the linear engine replicates by itself. */
const maxReplication = 16;
/** Deepest group nesting the (recursive) rewriter follows. */
const maxGroupDepth = 200;
const why = 'PipyJS runs regular expressions on a linear-time engine, which cannot match';

let engineEnabled = false;
function enableLinearEngine(): void {
  if (engineEnabled) return;
  v8.setFlagsFromString('--enable-experimental-regexp-engine');
  engineEnabled = true;
}

const cache = new Map<string, LinearPattern>();
const maxCacheEntries = 512;

/** Compiles (or finds in the cache) the host form of `pattern` with guest `flags` (already validated). */
export function compileLinear(pattern: string, flags: string): LinearPattern {
  const key = flags + '/' + pattern;
  let p = cache.get(key);
  if (!p) {
    p = compileUncached(pattern, flags);
    if (cache.size >= maxCacheEntries) cache.delete(cache.keys().next().value as string);
    cache.set(key, p);
  }
  return p;
}

function compileUncached(pattern: string, flags: string): LinearPattern {
  enableLinearEngine();
  const source = validate(pattern, flags);
  const fail = (reason: string) => syntaxError(source, flags, reason);
  for (const f of 'uvd') if (flags.includes(f)) throw fail(`the '${f}' flag is not supported (${why} it)`);
  const ignoreCase = flags.includes('i');
  const hostFlags = flags.replace('i', '') + 'l';
  if (!ignoreCase && tryCompile(pattern, hostFlags)) return make(source, pattern, hostFlags);
  const rewritten = new Rewriter(pattern, ignoreCase, fail).run();
  if (!tryCompile(rewritten, hostFlags)) throw fail(`it cannot be run in linear time (${why} every pattern)`);
  return make(source, rewritten, hostFlags);
}

function make(source: string, hostSource: string, hostFlags: string): LinearPattern {
  return { source, hostSource, hostFlags, weight: 1 + (hostSource.length >>> 6) };
}

/** Host syntax check without the linear engine; returns V8's escaped source. */
function validate(pattern: string, flags: string): string {
  try {
    return new RegExp(pattern, flags).source;
  } catch (e) {
    throw guestError('SyntaxError', (e as Error).message);
  }
}

function tryCompile(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

/** The pattern is cut in messages: a script's error log should not carry a 50 KB regexp. */
function syntaxError(source: string, flags: string, reason: string): PipyJSError {
  const shown = source.length > 200 ? source.slice(0, 200) + '…' : source;
  return guestError('SyntaxError', `Invalid regular expression: /${shown}/${flags}: ${reason}`);
}

// ---- case closure ------------------------------------------------------------------------------

let canonTable: Uint16Array | null = null;
let classesByCanon: Map<number, number[]> | null = null;

/** ECMAScript Canonicalize for non-Unicode ignoreCase matching. */
function canonicalize(ch: number): number {
  const u = String.fromCharCode(ch).toUpperCase();
  if (u.length !== 1) return ch;
  const cu = u.charCodeAt(0);
  return ch >= 128 && cu < 128 ? ch : cu;
}

/** Every code unit that matches `ch` case-insensitively (ch included). */
function caseVariants(ch: number): number[] {
  if (!canonTable || !classesByCanon) buildCaseTables();
  return classesByCanon!.get(canonTable![ch]) ?? [ch];
}

function buildCaseTables(): void {
  const canon = new Uint16Array(65536);
  const counts = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) counts[(canon[c] = canonicalize(c))]++;
  // Only classes with several members are kept: every other code unit matches just itself.
  const classes = new Map<number, number[]>();
  for (let c = 0; c < 65536; c++) {
    const k = canon[c];
    if (counts[k] < 2) continue;
    const members = classes.get(k);
    if (members) members.push(c);
    else classes.set(k, [c]);
  }
  canonTable = canon;
  classesByCanon = classes;
}

// ---- rewriting ---------------------------------------------------------------------------------

interface Atom {
  text: string;
  /** The atom contains a capturing group (it cannot be copied without renumbering groups). */
  captures: boolean;
}

type ClassItem = { kind: 'range'; lo: number; hi: number } | { kind: 'escape'; text: string };

const classEscapes = 'dDwWsS';
/** `{n}`, `{n,}`, `{n,m}` at a given position; anything else after an atom is a literal `{` (Annex B). */
const braced = /\{(\d+)(,(\d*))?\}/y;
const controlEscapes: Record<string, number> = Object.assign(Object.create(null), { f: 12, n: 10, r: 13, t: 9, v: 11 });

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}


/** A code unit written so that it means itself inside and outside classes. */
function esc(code: number): string {
  const c = String.fromCharCode(code);
  return /[0-9A-Za-z]/.test(c) ? c : '\\u' + code.toString(16).padStart(4, '0');
}

class Rewriter {
  private pos = 0;
  private depth = 0;
  private captureCount = 0;
  private readonly groupCount: number;
  private readonly hasNamedGroups: boolean;

  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
    private readonly fail: (reason: string) => PipyJSError,
  ) {
    const scan = scanGroups(src);
    this.groupCount = scan.count;
    this.hasNamedGroups = scan.named;
  }

  run(): string {
    const out = this.disjunction();
    assert(this.pos === this.src.length, 'regexp rewriter stopped early');
    return out;
  }

  private disjunction(): string {
    let out = this.alternative();
    while (this.src[this.pos] === '|') {
      this.pos++;
      out += '|' + this.alternative();
    }
    return out;
  }

  private alternative(): string {
    let out = '';
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const before = this.pos;
      out += this.term();
      assert(this.pos > before, 'regexp rewriter made no progress');
      if (out.length > maxRewrittenLength) throw this.tooLarge();
    }
    return out;
  }

  private term(): string {
    const s = this.src, c = s[this.pos];
    if (c === '^' || c === '$') return s[this.pos++];
    if (c === '\\' && (s[this.pos + 1] === 'b' || s[this.pos + 1] === 'B')) {
      this.pos += 2;
      return s.slice(this.pos - 2, this.pos);
    }
    if (/^\(\?(?:=|!|<=|<!)/.test(s.slice(this.pos, this.pos + 4))) {
      throw this.fail(`lookahead and lookbehind assertions are not supported (${why} them)`);
    }
    return this.quantified(this.atom());
  }

  // ---- atoms ----

  private atom(): Atom {
    const c = this.src[this.pos];
    if (c === '(') return this.group();
    if (c === '[') return { text: this.characterClass(), captures: false };
    if (c === '.') return { text: (this.pos++, '.'), captures: false };
    if (c === '\\') return { text: this.atomEscape(), captures: false };
    return { text: this.literal(this.src.charCodeAt(this.pos++)), captures: false };
  }

  private group(): Atom {
    const s = this.src;
    const before = this.captureCount;
    let open: string;
    if (s.startsWith('(?:', this.pos)) open = '(?:';
    else if (s.startsWith('(?<', this.pos)) open = s.slice(this.pos, s.indexOf('>', this.pos) + 1);
    else open = '(';
    if (open !== '(?:') this.captureCount++;
    this.pos += open.length;
    if (++this.depth > maxGroupDepth) throw this.fail('its groups are nested too deeply');
    const inner = this.disjunction();
    this.depth--;
    assert(s[this.pos] === ')', 'regexp rewriter: unclosed group');
    this.pos++;
    return { text: open + inner + ')', captures: this.captureCount > before };
  }

  private literal(code: number): string {
    if (!this.ignoreCase) return esc(code);
    const variants = caseVariants(code);
    return variants.length > 1 ? '[' + variants.map(esc).join('') + ']' : esc(code);
  }

  /** An escape outside a class: a class escape, a backreference (refused), or one code unit. */
  private atomEscape(): string {
    const s = this.src, d = s[this.pos + 1];
    if (classEscapes.includes(d)) {
      this.pos += 2;
      return '\\' + d;
    }
    if (d >= '1' && d <= '9' && this.decimalAt(this.pos + 1) <= this.groupCount) throw this.backreference();
    if (d === 'k' && this.hasNamedGroups) throw this.backreference();
    return this.literal(this.characterEscape(false));
  }

  private decimalAt(i: number): number {
    let j = i;
    while (isDigit(this.src[j])) j++;
    return Number(this.src.slice(i, j));
  }

  /** The code unit of the escape at `pos` (Annex B forms included); advances past it. */
  private characterEscape(inClass: boolean): number {
    const s = this.src, d = s[this.pos + 1];
    this.pos += 2;
    if (d in controlEscapes) return controlEscapes[d];
    if (d === 'b' && inClass) return 8;
    if (d === 'c') return this.controlLetter(inClass);
    if (d === 'x' && this.hexAt(2)) return this.hexDigits(2);
    if (d === 'u' && this.hexAt(4)) return this.hexDigits(4);
    if (d >= '0' && d <= '7') return this.legacyOctal(d);
    return d.charCodeAt(0);
  }

  private controlLetter(inClass: boolean): number {
    const c = this.src[this.pos] ?? '';
    if (/[A-Za-z]/.test(c) || (inClass && /[0-9_]/.test(c))) {
      this.pos++;
      return c.charCodeAt(0) % 32;
    }
    // `\c` without a control letter is a literal backslash; the `c` is read next as itself.
    this.pos--;
    return 92;
  }

  private hexAt(n: number): boolean {
    return new RegExp(`^[0-9a-fA-F]{${n}}`).test(this.src.slice(this.pos, this.pos + n));
  }

  private hexDigits(n: number): number {
    const v = parseInt(this.src.slice(this.pos, this.pos + n), 16);
    this.pos += n;
    return v;
  }

  /** `\0`, `\12`, `\377`: up to three octal digits, value at most 0o377 (Annex B). */
  private legacyOctal(first: string): number {
    let v = first.charCodeAt(0) - 48;
    const maxDigits = first <= '3' ? 3 : 2;
    for (let n = 1; n < maxDigits && /[0-7]/.test(this.src[this.pos] ?? ''); n++) {
      v = v * 8 + (this.src.charCodeAt(this.pos) - 48);
      this.pos++;
    }
    return v;
  }

  // ---- character classes ----

  private characterClass(): string {
    const start = this.pos++;
    const negate = this.src[this.pos] === '^';
    if (negate) this.pos++;
    const items: ClassItem[] = [];
    while (this.src[this.pos] !== ']') this.classRange(items);
    this.pos++;
    if (!this.ignoreCase) return this.src.slice(start, this.pos);
    return '[' + (negate ? '^' : '') + caseClosure(items) + ']';
  }

  private classRange(items: ClassItem[]): void {
    const a = this.classAtom();
    if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
      this.pos++;
      const b = this.classAtom();
      if (a.kind === 'range' && b.kind === 'range') return void items.push({ kind: 'range', lo: a.lo, hi: b.lo });
      // Annex B: a class escape at either end makes the '-' a literal.
      items.push(a, { kind: 'range', lo: 45, hi: 45 }, b);
      return;
    }
    items.push(a);
  }

  private classAtom(): ClassItem {
    const s = this.src;
    if (s[this.pos] === '\\' && classEscapes.includes(s[this.pos + 1])) {
      this.pos += 2;
      return { kind: 'escape', text: s.slice(this.pos - 2, this.pos) };
    }
    const code = s[this.pos] === '\\' ? this.characterEscape(true) : s.charCodeAt(this.pos++);
    return { kind: 'range', lo: code, hi: code };
  }

  // ---- quantifiers ----

  private quantified(atom: Atom): string {
    const s = this.src, c = s[this.pos];
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      return atom.text + c + this.lazySuffix();
    }
    braced.lastIndex = this.pos;
    const m = c === '{' ? braced.exec(s) : null;
    if (!m) return atom.text;
    this.pos += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    const lazy = this.lazySuffix();
    if (atom.captures) {
      if (min > maxReplication || (max !== Infinity && max > maxReplication)) throw this.capturingRepeat();
      return atom.text + m[0] + lazy;
    }
    return this.expand(atom.text, min, max, lazy);
  }

  private lazySuffix(): string {
    if (this.src[this.pos] !== '?') return '';
    this.pos++;
    return '?';
  }

  /** `x{min,max}` written out as the linear engine accepts it. */
  private expand(x: string, min: number, max: number, lazy: string): string {
    const copies = Number.isFinite(max) ? max : min + 1;
    if (x.length * copies > maxRewrittenLength) throw this.tooLarge();
    let optional = '';
    if (max === Infinity) optional = x + '*' + lazy;
    else for (let i = min; i < max; i++) optional = `(?:${x}${optional})?${lazy}`;
    return x.repeat(min) + optional;
  }

  private backreference(): PipyJSError {
    return this.fail(`backreferences (\\1, \\k<name>) are not supported (${why} them)`);
  }

  private capturingRepeat(): PipyJSError {
    return this.fail(
      `a group that captures cannot be repeated more than ${maxReplication} times with {n,m} on the linear-time engine; ` +
        'repeat a non-capturing group (?:…) instead',
    );
  }

  private tooLarge(): PipyJSError {
    return this.fail('its repetition counts are too large for the linear-time engine');
  }
}

/** Counts capturing groups (numbered and named), skipping escapes and classes. */
function scanGroups(src: string): { count: number; named: boolean } {
  let count = 0, named = false, inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && src[i + 1] !== '?') count++;
    else if (c === '(' && src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') {
      count++;
      named = true;
    }
  }
  return { count, named };
}

/** The class items closed under case equivalence, as class text (escapes kept: they are closed). */
function caseClosure(items: ClassItem[]): string {
  const set = new Uint8Array(65536);
  let out = '';
  for (const item of items) {
    if (item.kind === 'escape') out += item.text;
    else for (let c = item.lo; c <= item.hi; c++) for (const v of caseVariants(c)) set[v] = 1;
  }
  for (let c = 0; c < 65536; c++) {
    if (!set[c]) continue;
    let end = c;
    while (end + 1 < 65536 && set[end + 1]) end++;
    out += end > c ? `${esc(c)}-${esc(end)}` : esc(c);
    c = end;
  }
  return out;
}
