// JSON: parse and stringify with ECMAScript semantics and V8's output.
//
// parse lets the host parse the text (a string holds no guest code), then copies the result into
// guest values with an explicit work list, so any nesting depth the host accepts is fine. stringify
// is written out: it must call guest toJSON methods and replacers, read guest objects only through
// properties.ts, and charge its output as it grows. Its recursion, and the reviver walk of parse,
// stop with a guest RangeError past `maxNesting` levels instead of exhausting the host stack.

import { guestError, limitError, rangeError, typeError } from '../errors.js';
import { GuestObject, Namespace, isCallable, isGuestObject } from '../values.js';
import type { Callable } from '../values.js';
import type { Runtime } from '../runtime.js';
import { deleteProperty, getOwn, getProperty, ownKeys, setProperty } from '../properties.js';
import { isObjectValue } from '../operations.js';
import { cost } from '../limits.js';
import { PrimitiveBox, StringBuilder, fn, nested, newArray, scanSteps, toIntegerOrInfinity, toNumber, toString } from './args.js';
import { NumberBox } from './number.js';
import { StringBox } from './string.js';

// ---- parse -------------------------------------------------------------------------------------

function parse(args: unknown[], rt: Runtime): unknown {
  const text = toString(args[0], rt);
  rt.charge(scanSteps(text.length));
  let host: unknown;
  try {
    host = JSON.parse(text);
  } catch (e) {
    if (e instanceof SyntaxError) throw guestError('SyntaxError', e.message);
    throw rangeError('JSON.parse: input nested too deeply');
  }
  const value = toGuest(host, rt);
  const reviver = args[1];
  if (!isCallable(reviver)) return value;
  const root = new GuestObject();
  root[''] = value;
  return internalize(root, '', reviver, rt);
}

/** Copies a host JSON value into guest arrays and objects, breadth-first (no recursion). */
function toGuest(root: unknown, rt: Runtime): unknown {
  const work: [object, unknown[] | GuestObject][] = [];
  const copy = (h: unknown): unknown => {
    if (typeof h !== 'object' || h === null) return h;
    const g = Array.isArray(h) ? newArray(h.length, rt) : newGuestObject(rt);
    work.push([h, g]);
    return g;
  };
  const result = copy(root);
  for (let item = work.pop(); item; item = work.pop()) {
    const [h, g] = item;
    if (Array.isArray(g)) {
      const a = h as unknown[];
      rt.charge(a.length);
      for (let i = 0; i < a.length; i++) g[i] = copy(a[i]);
      continue;
    }
    const keys = Object.keys(h);
    rt.charge(keys.length);
    rt.alloc(keys.length * cost.property);
    // Assignment is safe for every key, `__proto__` included: GuestObject's chain has no setters.
    for (const k of keys) g[k] = copy((h as Record<string, unknown>)[k]);
  }
  return result;
}

function newGuestObject(rt: Runtime): GuestObject {
  rt.alloc(cost.object);
  return new GuestObject();
}

/** InternalizeJSONProperty: the reviver sees every value bottom-up; undefined deletes it. */
function internalize(holder: unknown, name: string, reviver: Callable, rt: Runtime): unknown {
  const val = getProperty(holder, name, rt);
  if (Array.isArray(val) || isGuestObject(val)) {
    nested('JSON.parse', () => {
      const keys = Array.isArray(val) ? indexKeys(val.length) : ownKeys(val);
      for (const k of keys) revise(val, k, reviver, rt);
    });
  }
  return rt.call(reviver, [name, val]);
}

function indexKeys(n: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) keys.push(String(i));
  return keys;
}

function revise(o: unknown, key: string, reviver: Callable, rt: Runtime): void {
  const v = internalize(o, key, reviver, rt);
  if (v === undefined) deleteProperty(o, key);
  else setProperty(o, key, v, rt);
}

// ---- stringify ---------------------------------------------------------------------------------

interface Serializer {
  rt: Runtime;
  replacer: Callable | null;
  /** The replacer array's property names, or null to use each object's own keys. */
  keys: string[] | null;
  gap: string;
  indent: string;
  /** Objects being serialised: meeting one again is a cycle. */
  stack: unknown[];
  out: StringBuilder;
}

/** Marks a value that serialises to nothing (undefined, functions). */
const SKIP = Symbol('skip');

function stringify(args: unknown[], rt: Runtime): string | undefined {
  const [value, replacer, space] = args;
  const s: Serializer = {
    rt,
    replacer: isCallable(replacer) ? replacer : null,
    keys: Array.isArray(replacer) ? propertyList(replacer, rt) : null,
    gap: gapOf(space, rt),
    indent: '',
    stack: [],
    out: new StringBuilder(rt),
  };
  const v = prepare(s, '', value);
  if (v === SKIP) return undefined;
  write(s, v);
  return s.out.toString();
}

/** The names a replacer array allows: strings, numbers and their boxes, without duplicates. */
function propertyList(replacer: unknown[], rt: Runtime): string[] {
  rt.charge(replacer.length);
  const list: string[] = [];
  for (let i = 0; i < replacer.length; i++) {
    const v = replacer[i];
    let name: string | undefined;
    if (typeof v === 'string') name = v;
    else if (typeof v === 'number') name = String(v);
    else if (v instanceof NumberBox || v instanceof StringBox) name = toString(v, rt);
    if (name !== undefined && !list.includes(name)) list.push(name);
  }
  return list;
}

/** The indentation unit: up to 10 spaces, or the first 10 characters of a string. */
function gapOf(space: unknown, rt: Runtime): string {
  if (space instanceof NumberBox) space = toNumber(space, rt);
  else if (space instanceof StringBox) space = toString(space, rt);
  if (typeof space === 'number') return ' '.repeat(Math.max(0, Math.min(10, toIntegerOrInfinity(space, rt))));
  return typeof space === 'string' ? space.slice(0, 10) : '';
}

/** SerializeJSONProperty up to the write: toJSON, the replacer, unboxing, and what is left out. */
function prepare(s: Serializer, key: string, value: unknown): unknown {
  if (isObjectValue(value)) {
    const toJSON = getProperty(value, 'toJSON', s.rt);
    if (isCallable(toJSON)) value = s.rt.call(toJSON, [key]);
  }
  if (s.replacer) value = s.rt.call(s.replacer, [key, value]);
  if (value instanceof NumberBox) value = toNumber(value, s.rt);
  else if (value instanceof StringBox) value = toString(value, s.rt);
  else if (value instanceof PrimitiveBox) value = value.value;
  return value === undefined || isCallable(value) ? SKIP : value;
}

function write(s: Serializer, v: unknown): void {
  if (v === null) s.out.append('null');
  else if (typeof v === 'boolean') s.out.append(v ? 'true' : 'false');
  else if (typeof v === 'string') s.out.append(quote(v));
  else if (typeof v === 'number') s.out.append(Number.isFinite(v) ? String(v) : 'null');
  else if (Array.isArray(v)) enter(s, v, () => writeArray(s, v));
  else enter(s, v, () => writeObject(s, v));
}

/** One level deeper: checks for a cycle and the nesting limit, and indents. */
function enter(s: Serializer, v: unknown, body: () => void): void {
  if (s.stack.includes(v)) throw typeError('Converting circular structure to JSON');
  nested('JSON.stringify', () => {
    const stepback = s.indent;
    s.stack.push(v);
    s.indent += s.gap;
    body();
    s.indent = stepback;
    s.stack.pop();
  });
}

function writeArray(s: Serializer, a: unknown[]): void {
  const n = a.length;
  s.rt.charge(n);
  if (n === 0) return s.out.append('[]');
  s.out.append('[');
  for (let i = 0; i < n; i++) {
    if (i > 0) s.out.append(',');
    newline(s, s.indent);
    const v = prepare(s, String(i), a[i]);
    if (v === SKIP) s.out.append('null');
    else write(s, v);
  }
  newline(s, s.indent.slice(0, s.indent.length - s.gap.length));
  s.out.append(']');
}

function writeObject(s: Serializer, o: unknown): void {
  const keys = s.keys ?? (o instanceof Namespace ? [] : ownKeys(o));
  s.rt.charge(keys.length);
  s.out.append('{');
  let any = false;
  const colon = s.gap ? ': ' : ':';
  for (const k of keys) {
    const v = prepare(s, k, s.keys ? getProperty(o, k, s.rt) : getOwn(o, k));
    if (v === SKIP) continue;
    // One piece per key: the separator, the line break, the quoted key and the colon.
    s.out.append((any ? ',' : '') + (s.gap ? '\n' + s.indent : '') + quote(k) + colon);
    write(s, v);
    any = true;
  }
  if (any) newline(s, s.indent.slice(0, s.indent.length - s.gap.length));
  s.out.append('}');
}

function newline(s: Serializer, indent: string): void {
  if (s.gap) s.out.append('\n' + indent);
}

/** Characters JSON.stringify escapes (lone surrogates included). */
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON string literal: the host's own quoting (on a primitive), refused cleanly when too long. */
function quote(str: string): string {
  if (str.length < 256 && !needsEscape.test(str)) return '"' + str + '"';
  try {
    return JSON.stringify(str);
  } catch (e) {
    if (e instanceof RangeError) throw limitError('memory', 'string too long');
    throw e;
  }
}

export const JSONNamespace = new Namespace('JSON', {
  parse: fn('parse', 2, parse),
  stringify: fn('stringify', 3, stringify),
});
